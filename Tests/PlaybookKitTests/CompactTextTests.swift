import Testing
import YAMLReader
@testable import PlaybookKit

/// The model's texts kept in shared blocks: what goes in comes out, across blocks, and compares as
/// `String` does.
struct CompactTextTests {
    @Test func storedTextsComeBackWhateverTheirSizeAndBlock() {
        var store = TextStore()
        // Empty, short, non-ASCII, texts that fill blocks of every size from 256 bytes to 64 KiB
        // exactly and past them, and texts longer than any block.
        var texts = ["", "a", "Sales Accepted Lead", "Entrée validée — équipe SDR ✓", String(repeating: "x", count: 255),
                     String(repeating: "y", count: 1), String(repeating: "z", count: 70_000), "after the big one"]
        for size in [1, 15, 16, 17, 100, 511, 512, 4096, 65_536, 65_537] {
            texts.append(String(repeating: "w", count: size))
        }
        for number in 0..<5_000 {
            texts.append("Exit rule number \(number) for stage_\(number % 97)")
        }
        let stored = texts.map { store.store($0) }
        #expect(stored.map(\.string) == texts)
        #expect(stored.map(\.description) == texts)
        for (text, compact) in zip(texts, stored) {
            let bytes = compact.withUTF8 { Array($0) }
            #expect(bytes == Array(text.utf8))
        }
    }

    @Test func textsCompareAndHashAsTheirStrings() {
        var store = TextStore()
        let precomposed = store.store("Qualifi\u{E9}")  // é as one scalar
        let decomposed = store.store("Qualifie\u{301}")  // e and a combining accent: the same String
        #expect("Qualifi\u{E9}" == "Qualifie\u{301}")
        #expect(precomposed == decomposed)
        #expect(precomposed.hashValue == decomposed.hashValue)
        #expect(store.store("MQL") == CompactText("MQL"))
        #expect(store.store("MQL") != store.store("SQL"))
        #expect(store.store("MQL") != store.store("MQL "))
        #expect(Set([store.store("a"), CompactText("a"), store.store("b")]).count == 2)
    }

    @Test func textListsKeepOneStringOrAList() {
        let span = SourceSpan(at: SourcePosition(line: 3, column: 5))
        let single = TextList(span: span, items: [Located("Form submitted", at: span)], isList: false)
        #expect(!single.isList && single.count == 1)
        #expect(single.items.map(\.value) == ["Form submitted"])
        #expect(single.item(0)?.value == "Form submitted" && single.item(1) == nil && single.item(-1) == nil)
        let list = TextList(span: span, items: ["One", "Two"].map { Located($0, at: span) }, isList: true)
        #expect(list.isList && list.count == 2)
        #expect(list.items.map(\.value) == ["One", "Two"])
        #expect(list.item(1)?.value == "Two" && list.item(2) == nil)
        let listOfOne = TextList(span: span, items: [Located("Only", at: span)], isList: true)
        #expect(listOfOne.isList && listOfOne.items.map(\.value) == ["Only"])
        #expect(single != listOfOne)
    }

    @Test func modelSettersAndDecoderGiveTheSameStrings() throws {
        var sink = DiagnosticSink(file: "p.yaml")
        let playbook = try #require(Linter().read(Array("""
            playbook: P
            stages:
              mql:
                name: Marketing Qualified Lead — équipe
                description: >
                  Folded
                  text
                entry: [Score reached 80, Demo requested]
                routing: Round robin across the SDR team
                sla: { within: 4h, action: Call the lead }
                exits:
                  - { to: sql, when: SDR confirmed budget on a call, action: Book the demo }
              sql: { name: SQL, entry: AE accepted the lead }
            """.utf8), into: &sink))
        let mql = try #require(playbook.stage("mql"))
        #expect(mql.name?.value == "Marketing Qualified Lead — équipe")
        #expect(mql.displayName == "Marketing Qualified Lead — équipe" && mql.name != nil)
        #expect(mql.description?.value == "Folded text\n")
        #expect(mql.entry?.items.map(\.value) == ["Score reached 80", "Demo requested"])
        #expect(mql.routing?.items.map(\.value) == ["Round robin across the SDR team"])
        #expect(mql.sla?.action?.value == "Call the lead")
        #expect(mql.transitions.first?.when?.value == "SDR confirmed budget on a call")
        #expect(mql.transitions.first?.action?.value == "Book the demo")
        #expect(mql.transitions.first?.hasWhen == true)
        #expect(playbook.stage("sql")?.entry?.isList == false)

        // The same values set through the public setters make an equal stage.
        var copy = Stage(id: mql.id)
        copy.name = mql.name
        copy.description = mql.description
        copy.entry = mql.entry.map { TextList(span: $0.span, items: $0.items, isList: $0.isList) }
        copy.routing = mql.routing
        copy.sla = mql.sla.map { SLA(span: $0.span, within: $0.within, action: $0.action) }
        copy.exits = mql.exits?.map { Transition(span: $0.span, to: $0.to, when: $0.when, action: $0.action) }
        copy.exitsKey = mql.exitsKey
        copy.writtenKeys = mql.writtenKeys
        copy.kind = mql.kind
        #expect(copy == mql)
        copy.name = Located("Another name", at: mql.id.span)
        #expect(copy != mql)
        #expect(copy.name?.value == "Another name")
    }

    @Test(arguments: [
        "Demo request form submitted by the SDR", "Lead seems interested", "Email opened 3 times",
        "SDR recorded the use case and the budget", "Budget known",
        "Lead score ≥ 80 and AE confirmed the use case", "Entrée: démo demandée", "After 30 days in stage", "",
    ])
    func factsOfAStoredTextMatchThoseOfItsString(text: String) {
        var store = TextStore()
        var sink = DiagnosticSink(file: "p.yaml")
        let playbook = Linter().read(Array("""
            playbook: P
            fields:
              use_case: { label: Use case, type: text }
              budget: { type: number }
            stages:
              a: { name: A }
            """.utf8), into: &sink) ?? Playbook()
        let phrases = Lexicon.builtIn.phrases(for: playbook)
        var inPlace: [Int32] = [], fromString: [Int32] = []
        #expect(TextFacts(store.store(text), lexicon: .builtIn, playbook: phrases, fields: &inPlace)
            == TextFacts(text, lexicon: .builtIn, playbook: phrases, fields: &fromString))
        #expect(inPlace == fromString)
        #expect(inPlace.contains(1) == text.lowercased().contains("budget"))  // `budget` is field 1
    }
}
