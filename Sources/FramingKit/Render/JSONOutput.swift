import Foundation

/// Deterministic JSON: sorted keys, no escaped slashes, numbers as Swift prints them after rounding
/// to four decimals (see `round`). Property names become snake_case; dictionary keys (passthrough
/// fields of the input, details) are written as they are.
public enum JSONOutput {
  public static func encode<T: Encodable>(_ value: T, pretty: Bool = false) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .custom { path in
      let key = path[path.count - 1]
      // Synthesized property keys are `CodingKeys` enums; dictionary keys are Foundation's own key type.
      guard String(describing: type(of: key)).hasSuffix("CodingKeys") else { return key }
      return SnakeKey(stringValue: SnakeCase.shared.convert(key.stringValue))
    }
    guard let data = try? encoder.encode(value) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }

  /// Rounds to four decimals so that output bytes do not depend on float noise.
  public static func round(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}

private struct SnakeKey: CodingKey {
  let stringValue: String
  var intValue: Int? { nil }
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

/// camelCase to snake_case, memoized (the same few dozen property names recur in every profile).
private final class SnakeCase: @unchecked Sendable {
  static let shared = SnakeCase()
  private let lock = NSLock()
  private var cache: [String: String] = [:]

  func convert(_ name: String) -> String {
    lock.lock()
    defer { lock.unlock() }
    if let known = cache[name] { return known }
    var result = ""
    var previousLowerOrDigit = false
    for character in name {
      if character.isUppercase {
        if previousLowerOrDigit { result.append("_") }
        result += character.lowercased()
        previousLowerOrDigit = false
      } else {
        result.append(character)
        previousLowerOrDigit = character.isLowercase || character.isNumber
      }
    }
    cache[name] = result
    return result
  }
}
