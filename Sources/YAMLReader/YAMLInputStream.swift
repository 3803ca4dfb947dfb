/// A text the parser reads piece by piece (a file too big to hold in memory beside its model).
public protocol YAMLInputStream: AnyObject {
    /// Fills the start of `buffer` with the next bytes and returns how many (0 at the end), or nil when
    /// reading failed or the text passed a limit; `failure` then says why.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int?
    /// Why reading stopped early, as the finding to report.
    var failure: YAMLProblem? { get }
    /// The whole text again, for placing a syntax error (libyaml gives some only as a byte offset);
    /// nil when it cannot be read.
    func wholeText() -> [UInt8]?
}
