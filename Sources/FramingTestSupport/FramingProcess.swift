import Foundation

/// Runs the built `framing` binary and captures what it prints, for end-to-end tests.
public struct FramingProcess {
  public struct Result: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
  }

  public static func run(_ arguments: [String], stdin: Data? = nil, in directory: URL = TestPaths.root) throws -> Result {
    let process = Process()
    process.executableURL = TestPaths.framingBinary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    // Read both pipes concurrently so a full stderr buffer cannot block the child.
    let errData = Collected()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errData.data = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                  stderr: String(decoding: errData.data, as: UTF8.self))
  }
}

/// Bytes read on another thread; the dispatch group orders the write before the read.
private final class Collected: @unchecked Sendable {
  var data = Data()
}
