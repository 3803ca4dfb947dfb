/// The places of the format as the decoder reads them (see `PlaybookFormat`, where they are described).
enum PlaybookSchema {
    typealias Place = FormatPlace

    static var topLevel: FormatPlace { PlaybookFormat.topLevel }
    static var team: FormatPlace { PlaybookFormat.team }
    static var field: FormatPlace { PlaybookFormat.field }
    static var stage: FormatPlace { PlaybookFormat.stage }
    static var transition: FormatPlace { PlaybookFormat.transition }
    static var sla: FormatPlace { PlaybookFormat.sla }
    static var nurture: FormatPlace { PlaybookFormat.nurture }

    static var durationForms: String { PlaybookFormat.durationForms }
    static var idForm: String { PlaybookFormat.idForm }
}
