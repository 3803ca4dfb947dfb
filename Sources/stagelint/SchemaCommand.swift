import ArgumentParser
import PlaybookKit

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (2020-12) of playbook files, for editors and other validators.",
        discussion: "schema/playbook.schema.json in the repository is this output."
    )

    func run() throws {
        print(PlaybookJSONSchema.rendered(), terminator: "")
    }
}
