// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
    name: "stagelint",
    products: [
        .executable(name: "stagelint", targets: ["stagelint"]),
        .library(name: "PlaybookKit", targets: ["PlaybookKit"]),
        .library(name: "PlaybookModel", targets: ["PlaybookModel"]),
        .library(name: "YAMLReader", targets: ["YAMLReader"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Mustache templates for branded handbooks (`stagelint docs --template`).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // The system libyaml (Debian: libyaml-dev), seen through pkg-config's yaml-0.1.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // A bounded YAML node tree with source positions, built on libyaml's event API.
        .target(name: "YAMLReader", dependencies: ["CYAML"]),
        // The playbook model, described once (PlaybookFormat), and its loader: the decoder, the structural
        // findings it reports, and the values of every key with their paths and spans.
        .target(name: "PlaybookModel", dependencies: ["YAMLReader"]),
        // The rules, the checker and its fixes, the reporters, the handbooks and the differ, on the model.
        .target(
            name: "PlaybookKit",
            dependencies: ["PlaybookModel", "YAMLReader", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // The thin command-line front end.
        .executableTarget(
            name: "stagelint",
            dependencies: [
                "PlaybookKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "YAMLReaderTests", dependencies: ["YAMLReader"]),
        .testTarget(name: "PlaybookKitTests", dependencies: ["PlaybookKit", "PlaybookModel"], exclude: ["Fixtures", "FuzzRegressions", "Golden", "WordingCorpus"]),
        .testTarget(name: "StagelintCLITests", dependencies: ["stagelint"]),
    ],
    swiftLanguageModes: [.v6]
)

// The libFuzzer target over the reader, checker, handbooks and differ. It has no `main` of its own
// (libFuzzer provides it), so it is only part of the package when scripts/fuzz.sh asks for it.
if ProcessInfo.processInfo.environment["STAGELINT_FUZZ"] != nil {
    package.targets.append(.executableTarget(name: "StagelintFuzz", dependencies: ["PlaybookKit"], path: "Fuzz/StagelintFuzz"))
    package.products.append(.executable(name: "stagelint-fuzz", targets: ["StagelintFuzz"]))
}
