import Foundation

/// Compares output with a golden file. With FRAMING_RECORD_GOLDEN=1 the file is rewritten and the
/// comparison fails anyway, so that recording never passes silently.
public enum Golden {
  public static var recording: Bool { ProcessInfo.processInfo.environment["FRAMING_RECORD_GOLDEN"] == "1" }

  /// Nil when `actual` matches the golden file; otherwise a message with the first differing lines.
  public static func mismatch(_ actual: String, golden relative: String) -> String? {
    let url = TestPaths.repo(relative)
    if recording {
      try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try? actual.write(to: url, atomically: true, encoding: .utf8)
      return "recorded \(relative); run the tests again without FRAMING_RECORD_GOLDEN"
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      return "missing golden file \(relative); record it with `make golden`"
    }
    if expected == actual { return nil }
    let a = expected.components(separatedBy: "\n"), b = actual.components(separatedBy: "\n")
    for index in 0..<max(a.count, b.count) {
      let left = index < a.count ? a[index] : "<end>", right = index < b.count ? b[index] : "<end>"
      if left != right { return "\(relative):\(index + 1): expected\n  \(left)\nbut got\n  \(right)" }
    }
    return "\(relative): differs"
  }
}
