import Foundation

/// Deterministic JSON: sorted keys, no escaped slashes, numbers as Swift prints them after rounding
/// to four decimals (see `Rounded`).
public enum JSONOutput {
  public static func encode<T: Encodable>(_ value: T, pretty: Bool = false) -> String {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }

  /// Rounds to four decimals so that output bytes do not depend on float noise.
  public static func round(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}
