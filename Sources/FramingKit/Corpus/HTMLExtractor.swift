import CHTML

/// Article text and metadata from an HTML page (libxml2's HTML parser through the C target).
public enum HTMLExtractor {
  public struct Extracted: Sendable {
    public let text: String
    public let metadata: ArticleMetadata
  }

  /// Nil when libxml2 cannot parse the bytes at all.
  public static func extract(_ bytes: [UInt8], encoding: String? = nil) -> Extracted? {
    let raw = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chtml_extract($0.baseAddress, Int32($0.count), encoding) }
    }
    guard let raw else { return nil }
    defer { chtml_free(raw) }
    let output = String(cString: raw)
    let parts = output.components(separatedBy: "\u{0C}\n")
    var values: [String: String] = [:]
    for line in (parts.first ?? "").split(separator: "\n") {
      let pair = line.split(separator: "\t", maxSplits: 1).map(String.init)
      if pair.count == 2, values[pair[0]] == nil { values[pair[0]] = pair[1] }
    }
    let text = parts.count > 1 ? parts[1...].joined(separator: "\u{0C}\n") : ""
    let metadata = ArticleMetadata(title: values["og:title"] ?? values["title"], outlet: values["og:site_name"],
                                   published: values["article:published_time"], url: values["canonical"], byline: values["author"])
    return Extracted(text: text, metadata: metadata)
  }
}
