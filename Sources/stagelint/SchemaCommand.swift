import ArgumentParser
import PlaybookKit

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (2020-12) of playbook files, or with --config of .stagelint.yml, for editors and other validators.",
        discussion: "schema/playbook.schema.json and schema/stagelint-config.schema.json in the repository are this output."
    )

    @Flag(name: .long, help: "Print the schema of configuration files (.stagelint.yml) instead.")
    var config = false

    func run() throws {
        print(config ? ConfigurationJSONSchema.rendered() : PlaybookJSONSchema.rendered(), terminator: "")
    }
}
