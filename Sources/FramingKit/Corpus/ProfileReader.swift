import Foundation

/// Reads profiles written by framing: a `.jsonl` file (one per line), a `.json` file, or a directory
/// holding either. Errors name the file and line.
public enum ProfileReader {
  /// Property names come back from snake_case; keys of the free-form maps (`details`, `components`,
  /// the passthrough `extra`) are kept as written.
  public static func decoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .custom { path in
      let key = path[path.count - 1]
      if path.count >= 2, ["details", "components", "extra"].contains(path[path.count - 2].stringValue) { return key }
      let parts = key.stringValue.split(separator: "_")
      return SnakeKey(stringValue: parts.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.capitalized }.joined())
    }
    return decoder
  }

  public static func read(_ path: String) throws(TextError) -> [Profile] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .unreadable(file: path, reason: "no such file") }
    if isDirectory.boolValue {
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
      var profiles: [Profile] = []
      for name in names where name.hasSuffix(".json") || name.hasSuffix(".jsonl") {
        profiles += try read((path as NSString).appendingPathComponent(name))
      }
      return profiles
    }
    guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(file: path, reason: "permission denied") }
    let lines = path.hasSuffix(".jsonl") ? String(decoding: data, as: UTF8.self).split(separator: "\n").map { Data($0.utf8) } : [data]
    var profiles: [Profile] = []
    for (number, line) in lines.enumerated() where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0A }) {
      do {
        profiles.append(try decoder().decode(Profile.self, from: line))
      } catch {
        throw .undecodable(file: path.hasSuffix(".jsonl") ? "\(path):\(number + 1)" : path, reason: "not a framing profile (\(describe(error)))")
      }
    }
    return profiles
  }

  private static func describe(_ error: Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): "missing '\(key.stringValue)'"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context), DecodingError.dataCorrupted(let context):
      context.codingPath.map(\.stringValue).joined(separator: ".") + ": " + context.debugDescription
    default: "\(error)"
    }
  }
}
