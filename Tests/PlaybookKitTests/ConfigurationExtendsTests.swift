import Foundation
import Testing
import YAMLReader
@testable import PlaybookKit

/// A folder of files for one test, removed afterwards.
private final class Folder {
    let url: URL

    init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("stagelint-config-\(UUID().uuidString)")
        for (path, text) in files {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

private func failure(_ body: () throws(ConfigurationError) -> Configuration) -> ConfigurationError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

private let rule = "{ given: stages, summary: s, then: { sla: { defined: true } } }"

@Suite("Configuration: extends and overrides")
struct ConfigurationExtendsTests {
    @Test func extendedFilesAreMergedInOrderWithTheExtendingFileLast() throws {
        let folder = try Folder([
            "standards/base.yml": """
                fail-on: warning
                rules: { missing-sla: error, vague-rule: off }
                vocabulary: { vague: [synergy] }
                ignore: [drafts/**]
                limits: { max-depth: 30 }
                custom-rules:
                  shared-rule: \(rule)
                  replaced-rule: { given: stages, summary: from the base, then: { name: a } }
                """,
            "standards/extra.yml": "rules: { missing-sla: info }\nvocabulary: { vague: [leverage] }\n",
            "repo/.stagelint.yml": """
                extends: [../standards/base.yml, ../standards/extra.yml]
                rules: { vague-rule: warning }
                ignore: [old/**]
                custom-rules:
                  replaced-rule: { given: stages, summary: from the repository, then: { name: b } }
                  own-rule: \(rule)
                """,
        ])
        let configuration = try ConfigurationLoader.load(folder.path("repo/.stagelint.yml"))
        #expect(configuration.failOn == .warning)
        #expect(configuration.severity(of: .missingSLA) == .info, "the later extended file wins")
        #expect(configuration.severity(of: .vagueRule) == .warning, "the extending file wins")
        #expect(Set(configuration.vocabulary.hedges).isSuperset(of: ["synergy", "leverage"]), "vocabulary adds up")
        #expect(configuration.limits.maxDepth == 30)
        #expect(configuration.houseRules.map(\.id) == ["shared-rule", "replaced-rule", "own-rule"])
        #expect(configuration.houseRules[1].description.summary == "from the repository")
        #expect(configuration.houseRules[0].file.hasSuffix("standards/base.yml"))
        // Each ignore glob is relative to the folder of the file that wrote it.
        #expect(configuration.ignores(folder.path("standards/drafts/a.yaml")))
        #expect(!configuration.ignores(folder.path("repo/drafts/a.yaml")))
        #expect(configuration.ignores(folder.path("repo/old/a.yaml")))
    }

    @Test func aCycleAMissingFileAndAnErrorInAnExtendedFileNameTheChain() throws {
        let folder = try Folder([
            "a.yml": "extends: b.yml\n",
            "b.yml": "fail-on: info\nextends:\n  - a.yml\n",
            "c.yml": "extends: [missing.yml]\n",
            "folder.yml": "fail-on: info\nextends:\n  - standards/\n",
            "standards/base.yml": "fail-on: info\n",
            "d.yml": "extends: e.yml\n",
            "e.yml": "rules:\n  missing-slaa: off\n",
        ])
        let cycle = try #require(failure { () throws(ConfigurationError) in try ConfigurationLoader.load(folder.path("a.yml")) })
        let (a, b) = (folder.path("a.yml"), folder.path("b.yml"))
        #expect(cycle.message == "`extends` makes a cycle: \(a) → \(b) → \(a)", "\(cycle)")
        #expect(cycle.file.hasSuffix("b.yml") && cycle.position == SourcePosition(line: 3, column: 5), "\(cycle)")
        #expect(cycle.description.contains("(extended by "), "\(cycle)")
        let missing = try #require(failure { () throws(ConfigurationError) in try ConfigurationLoader.load(folder.path("c.yml")) })
        #expect(missing.message.contains("`extends` names 'missing.yml', which does not exist"), "\(missing)")
        #expect(missing.position == SourcePosition(line: 1, column: 11))
        let named = try #require(failure { () throws(ConfigurationError) in try ConfigurationLoader.load(folder.path("folder.yml")) })
        #expect(named.message.contains("which is a folder; name the config file in it") && named.position == SourcePosition(line: 3, column: 5),
                "\(named)")
        let inner = try #require(failure { () throws(ConfigurationError) in try ConfigurationLoader.load(folder.path("d.yml")) })
        #expect(inner.file.hasSuffix("e.yml") && inner.position == SourcePosition(line: 2, column: 3), "\(inner)")
        #expect(inner.message.contains("did you mean 'missing-sla'?") && inner.chain.first?.hasSuffix("d.yml") == true, "\(inner)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl"),
                   "skipped: curl, which fetches shared configuration, is not installed at /usr/bin/curl"))
    func aURLIsFetchedOnceCheckedByItsHashAndThenReadOfflineFromTheCache() throws {
        let shared = Array("custom-rules:\n  shared-rule: \(rule)\nrules: { missing-sla: off }\n".utf8)
        let tampered = Array("custom-rules:\n  shared-rule: \(rule)\nrules: { missing-sla: error }\n".utf8)
        let hash = SHA256.hex(shared)
        let server = try LoopbackHTTPServer(routes: ["/base.yml": (200, shared), "/tampered.yml": (200, tampered)])
        let folder = try Folder([
            ".stagelint.yml": "extends:\n  - url: \(server.baseURL)/base.yml\n    sha256: \(hash)\n",
            "tampered.yml": "extends:\n  - url: \(server.baseURL)/tampered.yml\n    sha256: \(hash)\n",
            "gone.yml": "extends:\n  - url: \(server.baseURL)/missing.yml\n    sha256: \(String(repeating: "0", count: 64))\n",
        ])
        let cache = folder.path("cache")
        let first = try ConfigurationLoader.load(folder.path(".stagelint.yml"), cacheFolder: cache)
        #expect(first.houseRules.map(\.id) == ["shared-rule"] && first.severity(of: .missingSLA) == nil)
        #expect(server.requestCount("/base.yml") == 1)
        #expect(FileManager.default.fileExists(atPath: cache + "/extends/\(hash).yml"))
        // A hash that does not match fails closed, and nothing is kept.
        let mismatch = try #require(failure { () throws(ConfigurationError) in
            try ConfigurationLoader.load(folder.path("tampered.yml"), cacheFolder: folder.path("other-cache"))
        })
        #expect(mismatch.message.contains("not the pinned \(hash)") && mismatch.position == SourcePosition(line: 2, column: 5), "\(mismatch)")
        #expect(!FileManager.default.fileExists(atPath: folder.path("other-cache") + "/extends/\(hash).yml"))
        let notFound = try #require(failure { () throws(ConfigurationError) in
            try ConfigurationLoader.load(folder.path("gone.yml"), cacheFolder: cache)
        })
        #expect(notFound.message.contains("could not fetch") && notFound.message.contains("404"), "\(notFound)")
        // With the server gone, the cached copy is used.
        server.stop()
        let offline = try ConfigurationLoader.load(folder.path(".stagelint.yml"), cacheFolder: cache)
        #expect(offline.houseRules.map(\.id) == ["shared-rule"])
        #expect(server.requestCount("/base.yml") == 1)
        // A cached copy that was changed on disk is not trusted: it is fetched again (and here, cannot be).
        try Data("rules: { missing-sla: error }\n".utf8).write(to: URL(fileURLWithPath: cache + "/extends/\(hash).yml"))
        let changed = try #require(failure { () throws(ConfigurationError) in
            try ConfigurationLoader.load(folder.path(".stagelint.yml"), cacheFolder: cache)
        })
        #expect(changed.message.contains("no longer matches its pin") && changed.message.contains("could not fetch"), "\(changed)")
    }

    @Test func aURLNeedsItsHashAndAFetchedFileExtendsOnlyURLs() throws {
        let folder = try Folder([
            "a.yml": "extends: [https://example.com/base.yml]\n",
            "b.yml": "extends:\n  - url: https://example.com/base.yml\n",
            "c.yml": "extends:\n  - { url: https://example.com/base.yml, sha256: abc }\n",
        ])
        let bare = try #require(failure { () throws(ConfigurationError) in try ConfigurationLoader.load(folder.path("a.yml")) })
        #expect(bare.message.contains("a URL in `extends` needs its sha256"), "\(bare)")
        let unpinned = try #require(failure { () throws(ConfigurationError) in try ConfigurationLoader.load(folder.path("b.yml")) })
        #expect(unpinned.message.contains("needs `sha256`"), "\(unpinned)")
        let short = try #require(failure { () throws(ConfigurationError) in try ConfigurationLoader.load(folder.path("c.yml")) })
        #expect(short.message.contains("64 hexadecimal digits"), "\(short)")
        // A cached file that extends a path is refused (it was fetched: its folder means nothing here).
        let inner = Array("extends: [local.yml]\n".utf8)
        let hash = SHA256.hex(inner)
        let cache = folder.path("cache")
        try FileManager.default.createDirectory(atPath: cache + "/extends", withIntermediateDirectories: true)
        try Data(inner).write(to: URL(fileURLWithPath: cache + "/extends/\(hash).yml"))
        try Data("extends:\n  - { url: https://example.com/shared.yml, sha256: \(hash) }\n".utf8).write(to: URL(fileURLWithPath: folder.path("d.yml")))
        let nested = try #require(failure { () throws(ConfigurationError) in try ConfigurationLoader.load(folder.path("d.yml"), cacheFolder: cache) })
        #expect(nested.message.contains("can only extend URLs pinned by sha256") && nested.file == "https://example.com/shared.yml", "\(nested)")
    }

    @Test func overridesApplyToTheirGlobsInOrder() throws {
        let folder = try Folder([
            ".stagelint.yml": """
                fail-on: warning
                rules: { missing-sla: warning }
                custom-rules:
                  everywhere: \(rule)
                overrides:
                  - files: [playbooks/drafts/**]
                    fail-on: error
                    rules: { missing-sla: info, everywhere: off }
                  - files: playbooks/drafts/special.yaml
                    rules: { missing-sla: error }
                    vocabulary: { vague: [synergy] }
                    custom-rules:
                      drafts-only: \(rule)
                """,
        ])
        let loader = try ConfigurationLoader(explicitFile: folder.path(".stagelint.yml"))
        let plain = try loader.configuration(for: folder.path("playbooks/a.yaml"))
        #expect(plain.failOn == .warning && plain.severity(of: .missingSLA) == .warning && plain.appliedOverrides.isEmpty)
        #expect(plain.houseRules.map(\.id) == ["everywhere"])
        let draft = try loader.configuration(for: folder.path("playbooks/drafts/a.yaml"))
        #expect(draft.failOn == .error && draft.severity(of: .missingSLA) == .info && draft.disabledRules.contains("everywhere"))
        #expect(draft.appliedOverrides == [0] && draft.key != plain.key)
        let special = try loader.configuration(for: folder.path("playbooks/drafts/special.yaml"))
        #expect(special.severity(of: .missingSLA) == .error, "the later override wins")
        #expect(special.failOn == .error && special.vocabulary.hedges.contains("synergy") && !plain.vocabulary.hedges.contains("synergy"))
        #expect(special.houseRules.map(\.id) == ["everywhere", "drafts-only"] && special.appliedOverrides == [0, 1])
        // A rule switched off in an override must exist somewhere in the configuration.
        let unknown = try Folder([".stagelint.yml": "overrides:\n  - files: [a/**]\n    rules: { nowhere: off }\n"])
        let error = try #require(failure { () throws(ConfigurationError) in try ConfigurationLoader.load(unknown.path(".stagelint.yml")) })
        #expect(error.message.contains("unknown rule 'nowhere'") && error.position == SourcePosition(line: 3, column: 14), "\(error)")
        let noFiles = try Folder([".stagelint.yml": "overrides:\n  - fail-on: info\n"])
        let missing = try #require(failure { () throws(ConfigurationError) in try ConfigurationLoader.load(noFiles.path(".stagelint.yml")) })
        #expect(missing.message.contains("an override needs `files`"), "\(missing)")
    }

    @Test func theCommittedConfigSchemaIsFresh() throws {
        let committed = try String(contentsOf: packageRoot.appendingPathComponent("schema/stagelint-config.schema.json"), encoding: .utf8)
        #expect(committed == ConfigurationJSONSchema.rendered(),
                "schema/stagelint-config.schema.json is stale: run `swift run stagelint schema --config > schema/stagelint-config.schema.json`")
    }
}
