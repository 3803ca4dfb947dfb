/// The places of the format as the decoder reads them (see `PlaybookFormat`, where they are described).
package enum PlaybookSchema {
    package typealias Place = FormatPlace

    package static var topLevel: FormatPlace { PlaybookFormat.topLevel }
    package static var team: FormatPlace { PlaybookFormat.team }
    package static var field: FormatPlace { PlaybookFormat.field }
    package static var stage: FormatPlace { PlaybookFormat.stage }
    package static var transition: FormatPlace { PlaybookFormat.transition }
    package static var sla: FormatPlace { PlaybookFormat.sla }
    package static var nurture: FormatPlace { PlaybookFormat.nurture }

    package static var durationForms: String { PlaybookFormat.durationForms }
    package static var idForm: String { PlaybookFormat.idForm }
}
