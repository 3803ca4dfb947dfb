import PlaybookModel
import Foundation

/// A check of files and folders as `stagelint check` runs it: the files behind the paths, the
/// configuration of each (`.stagelint.yml` or one given file, with its `ignore`), the files checked
/// on all cores, a baseline applied or written, and fixes applied or shown. The command line only
/// chooses a reporter; another front end (an editor server, a script) runs the same check.
public struct CheckRun: Sendable {
    public enum FixMode: Sendable, Equatable {
        /// Report only.
        case none
        /// Apply the safe fixes (`--fix`), or with `unsafe` the guesses too (`--unsafe-fixes`).
        case apply(unsafe: Bool)
        /// Work the fixes out and show them as a unified diff, writing nothing (`--fix --diff`).
        case diff(unsafe: Bool)
    }

    public struct Options: Sendable {
        public var paths: [String] = ["."]
        /// One configuration file for every playbook, instead of the `.stagelint.yml` search.
        public var configFile: String?
        /// The lowest severity that fails the run, over each configuration's `fail-on`.
        public var failOn: Severity?
        public var baselineFile: String?
        /// Write every finding to this baseline file instead of reporting them.
        public var writeBaselineFile: String?
        public var fix: FixMode = .none

        public init(paths: [String] = ["."], configFile: String? = nil, failOn: Severity? = nil, baselineFile: String? = nil,
                    writeBaselineFile: String? = nil, fix: FixMode = .none) {
            self.paths = paths
            self.configFile = configFile
            self.failOn = failOn
            self.baselineFile = baselineFile
            self.writeBaselineFile = writeBaselineFile
            self.fix = fix
        }
    }

    /// A path, configuration, baseline or file that cannot be used: exit status 2, with the message.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// What a run found.
    public struct Outcome: Sendable {
        /// One report per file checked, in the order of the paths: after fixing, what remains.
        public var reports: [FileReport]
        /// Some finding is at or above its file's fail level (with `--fix --diff`: some fix would apply).
        public var failing: Bool
        /// Lines for standard error: the baseline's counts, what was fixed.
        public var notes: [String]
        /// With `FixMode.diff`: the unified diff of every file a fix would change.
        public var diff: String
        /// Each file's fail level and disabled rules, for reporters that show them (JUnit).
        public var failLevels: [String: Severity]
        public var disabledRules: [String: Set<String>]
        /// Each file's house rules (switched on or not), in their configuration's order.
        public var houseRules: [String: [RuleDescription]] = [:]
        /// How many findings were fixed (or, with `diff`, would be), and in how many files.
        public var fixed: Int
        public var fixedFiles: Int
        /// Fixed files that could not be written (read-only, or in a folder that is not writable), with
        /// why: the run reports the others, and then fails with these (exit status 2).
        public var writeErrors: [String] = []

        /// The house rules of every file checked, each id once, for reporters that describe rules (SARIF).
        public var allHouseRules: [RuleDescription] {
            var seen = Set<String>()
            return reports.flatMap { houseRules[$0.file] ?? [] }.filter { seen.insert($0.id).inserted }
        }
    }

    public let options: Options

    public init(_ options: Options) {
        self.options = options
    }

    /// Paths in the baseline file are written from the repository root, so it works from any folder.
    static func baselinePath(_ file: String) -> String {
        let folder = FileManager.default.currentDirectoryPath
        return PathTools.relative(ConfigurationLoader.absolute(file), to: Repository.root(containing: folder) ?? folder)
    }

    public func run() throws(Failure) -> Outcome {
        let loader: ConfigurationLoader
        let files: [String]
        do {
            loader = try ConfigurationLoader(explicitFile: options.configFile)
        } catch {
            throw Failure(description: error.description)
        }
        do {
            files = try PlaybookFiles.expand(options.paths)
        } catch {
            throw Failure(description: error.description)
        }
        var baseline: Baseline?
        if let path = options.baselineFile, options.writeBaselineFile == nil {
            do {
                baseline = try Baseline.load(path)
            } catch {
                throw Failure(description: error.description)
            }
        }
        // Configurations are resolved first (cheap, cached per folder); the files are then checked on
        // all cores, and the reports kept in file order.
        var linters: [String: Linter] = [:]
        var disabled: [String: Set<String>] = [:]
        var levels: [String: Severity] = [:]
        var houseRules: [String: [RuleDescription]] = [:]
        var jobs: [(file: String, linter: Linter)] = []
        var seenFiles = Set<String>()
        for file in files {
            let absolute = ConfigurationLoader.absolute(file)
            let configuration: Configuration
            do {
                configuration = try loader.configuration(for: absolute)
            } catch {
                throw Failure(description: error.description)
            }
            if configuration.ignores(absolute) { continue }
            // Fixing a file twice under two names (a symbolic link) would race with itself.
            if options.fix != .none, let found = PlaybookFiles.kind(file) {
                guard seenFiles.insert("\(found.device):\(found.inode)").inserted else { continue }
            }
            let key = configuration.key
            let linter = linters[key] ?? Linter(configuration: configuration)
            linters[key] = linter
            disabled[file] = configuration.disabledRules
            if !configuration.houseRules.isEmpty { houseRules[file] = configuration.houseRules.map(\.description) }
            levels[file] = configuration.failOn
            jobs.append((file, linter))
        }
        let mode = options.fix
        let accepted = baseline
        let outcomes = parallelMap(jobs) { job -> Result<FileJob, InputError> in
            Result { () throws(InputError) -> FileJob in try Self.check(job.file, with: job.linter, fix: mode, baseline: accepted) }
        }
        var checked: [FileJob] = []
        for outcome in outcomes {
            switch outcome {
            case .success(let job): checked.append(job)
            case .failure(let error): throw Failure(description: error.description)
            }
        }
        var outcome = Outcome(reports: checked.map(\.report), failing: false, notes: [], diff: "", failLevels: levels,
                              disabledRules: disabled, houseRules: houseRules, fixed: 0, fixedFiles: 0)
        if let path = options.writeBaselineFile {
            do {
                try AtomicFile.write(Baseline(reports: outcome.reports, path: Self.baselinePath).rendered(), to: path)
            } catch {
                throw Failure(description: error.description)
            }
            let count = outcome.reports.reduce(0) { $0 + $1.diagnostics.count }
            outcome.notes.append("wrote \(count.counted("finding")) of \(outcome.reports.count.counted("file")) to \(path)")
            return outcome
        }
        if let baseline, let path = options.baselineFile {
            // The reports were filtered file by file (fixes need it); the counts come from the whole run.
            let counted = baseline.filter(checked.map(\.unfiltered), path: Self.baselinePath)
            if counted.suppressed > 0 {
                outcome.notes.append("\(counted.suppressed.counted("finding")) accepted by the baseline \(path)")
            }
            if counted.unmatched > 0 {
                outcome.notes.append("\(counted.unmatched.counted("baseline entry", plural: "baseline entries")) in \(path) "
                    + "\(counted.unmatched == 1 ? "matches" : "match") no finding any more; run with --write-baseline "
                    + "\(path) to shrink it")
            }
        }
        for job in checked where job.fixed > 0 {
            outcome.fixed += job.fixed
            outcome.fixedFiles += 1
            if let diff = job.diff { outcome.diff += diff }
            if let error = job.writeError {
                outcome.writeErrors.append(error)
                outcome.fixed -= job.fixed
                outcome.fixedFiles -= 1
            }
        }
        switch mode {
        case .none:
            break
        case .apply:
            let remaining = outcome.reports.reduce(0) { $0 + $1.diagnostics.count }
            outcome.notes.append("fixed \(outcome.fixed.counted("finding")) in \(outcome.fixedFiles.counted("file")); "
                + "\(remaining.counted("finding")) \(remaining == 1 ? "remains" : "remain")")
        case .diff:
            outcome.notes.append("would fix \(outcome.fixed.counted("finding")) in \(outcome.fixedFiles.counted("file"))")
            outcome.failing = outcome.fixed > 0
            return outcome
        }
        outcome.failing = outcome.reports.contains { report in
            let threshold = options.failOn ?? levels[report.file] ?? .error
            return report.diagnostics.contains { $0.severity >= threshold }
        }
        return outcome
    }

    /// One file's part of a run.
    struct FileJob: Sendable {
        /// What is reported: after the baseline, and after fixing.
        var report: FileReport
        /// The first check before the baseline, for the baseline's counts.
        var unfiltered: FileReport
        var fixed = 0
        var diff: String?
        var writeError: String?
    }

    static func check(_ file: String, with linter: Linter, fix: FixMode, baseline: Baseline?) throws(InputError) -> FileJob {
        func filtered(_ report: FileReport) -> FileReport {
            baseline?.filter([report], path: baselinePath).reports.first ?? report
        }
        func slim(_ report: FileReport) -> FileReport {
            // Reporters need the findings and the source, not the model: it is dropped here, on the worker.
            FileReport(file: report.file, diagnostics: report.diagnostics, playbook: nil, source: report.source)
        }
        let unsafe: Bool
        switch fix {
        case .none:
            let report = slim(try linter.check(path: file))
            return FileJob(report: filtered(report), unfiltered: report)
        case .apply(let flag), .diff(let flag):
            unsafe = flag
        }
        // Fixing needs the whole text; a file too large to read is reported as it is.
        guard case .bytes(let bytes) = try PlaybookFiles.read(file, limit: linter.limits.maxFileBytes) else {
            let report = slim(try linter.check(path: file))
            return FileJob(report: filtered(report), unfiltered: report)
        }
        let first = slim(linter.check(file: file, bytes: bytes))
        var isFirst = true
        let outcome = Fixer.fix(bytes, unsafe: unsafe) { text in
            defer { isFirst = false }
            return filtered(isFirst ? first : slim(linter.check(file: file, bytes: text)))
        }
        var job = FileJob(report: outcome.report, unfiltered: first, fixed: outcome.applied.count)
        guard outcome.changed else { return job }
        if case .diff = fix {
            job.report = filtered(first)
            // `a/` and `b/` as git writes them (`git apply` and `patch -p1` take it); an absolute path as it is.
            let absolute = file.hasPrefix("/")
            job.diff = UnifiedDiff.diff(old: String(decoding: outcome.original, as: UTF8.self),
                                        new: String(decoding: outcome.fixed, as: UTF8.self),
                                        oldName: absolute ? file : "a/" + file, newName: absolute ? file : "b/" + file)
        } else if let mode = PlaybookFiles.mode(file), mode & 0o222 == 0 {
            // A file nobody may write is kept as it is, even where its folder would let it be replaced.
            job.writeError = "cannot write '\(file)': the file is read-only; its fixes were not applied"
            job.report = filtered(first)
        } else {
            do {
                try AtomicFile.write(bytes: outcome.fixed, to: file)
            } catch {
                job.writeError = error.description + "; its fixes were not applied"
                job.report = filtered(first)
            }
        }
        return job
    }
}

extension Int {
    /// "1 finding", "2 findings" (`plural` when adding "s" will not do): for reports and notes.
    public func counted(_ noun: String, plural: String? = nil) -> String {
        "\(self) \(self == 1 ? noun : plural ?? noun + "s")"
    }
}
