import YAMLReader

/// Decodes each stage while the file is still being read, so the YAML nodes of a stage are freed as
/// soon as its model exists (see `SubtreeConsumer`). The findings of each stage are kept with it and
/// reported when `PlaybookDecoder` reaches the stage in the `stages` mapping. A stage whose id was
/// already taken is left in the tree, where the mapping drops it as a duplicate key without decoding
/// it, as when the whole tree is decoded.
package struct StreamedStages: SubtreeConsumer {
    package typealias Decoded = (stage: Stage, diagnostics: [Diagnostic])

    package let file: String
    /// The stages taken so far, in the order the reader handed them over.
    package private(set) var taken = Taken()
    package var key: String { "stages" }
    /// The ids taken: a repeated id stays in the tree, where the mapping drops it undecoded.
    private var ids = Set<String>()
    /// The store of the stages' texts, which the rest of the playbook goes on filling.
    package private(set) var texts = TextStore()

    package init(file: String) {
        self.file = file
    }

    /// The stages taken, given up: this consumer keeps neither them nor their ids any longer.
    package mutating func handOver() -> Taken {
        let stages = taken
        taken = Taken()
        ids = []
        return stages
    }

    /// The stages taken, each with its findings. Most stages have none, so findings are kept apart,
    /// by stage number, only for those that do (a 20,000-stage playbook's list is half the size).
    package struct Taken: RandomAccessCollection {
        private var stages: [Stage] = []
        private var findings: [Int: [Diagnostic]] = [:]

        package var startIndex: Int { stages.startIndex }
        package var endIndex: Int { stages.endIndex }
        package subscript(number: Int) -> Decoded { (stages[number], findings[number] ?? []) }

        package mutating func append(_ stage: Stage, _ diagnostics: [Diagnostic]) {
            if !diagnostics.isEmpty { findings[stages.count] = diagnostics }
            stages.append(stage)
        }
    }

    package mutating func take(_ value: NodeID, key: NodeID, in document: YAMLDocument) -> Bool {
        // The id's own findings are reported when the mapping is decoded, where its key stays.
        var keys = NodeDecoding(document: document, sink: DiagnosticSink(file: file), texts: TextStore())
        guard let id = keys.keyIdentifier(key, what: "stage id"), ids.insert(id.value).inserted else { return false }
        var decoder = PlaybookDecoder(nodes: NodeDecoding(document: document, sink: DiagnosticSink(file: file), texts: texts))
        let stage = decoder.decodeStage(id, value)
        texts = decoder.texts
        taken.append(stage, decoder.diagnostics)
        return true
    }
}
