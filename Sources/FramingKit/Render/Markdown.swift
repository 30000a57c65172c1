import Foundation

/// Helpers for safe Markdown: article text is escaped so that `|`, `*`, `_`, backticks, brackets and
/// HTML such as `<script>` show literally in any CommonMark/GFM renderer, including inside tables.
enum Markdown {
  static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.count)
    for character in text {
      switch character {
      case "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "+", "!", "|", "~", "$":
        result.append("\\")
        result.append(character)
      case "<": result.append("&lt;")
      case ">": result.append("&gt;")
      case "&": result.append("&amp;")
      case "\n", "\r": result.append(" ")
      default: result.append(character)
      }
    }
    return result
  }

  /// A table row of already escaped cells.
  static func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }

  static func table(_ header: [String], _ rows: [[String]]) -> String { table(header, nil, rows) }

  static func table(_ header: [String], _ alignments: [String]?, _ rows: [[String]]) -> String {
    var lines = [row(header), row(alignments ?? header.map { _ in "---" })]
    lines += rows.map(row)
    return lines.joined(separator: "\n")
  }

  /// A short excerpt of at most `limit` characters, cut at a word.
  static func excerpt(_ text: String, limit: Int = 90) -> String {
    guard text.count > limit else { return text }
    let cut = text.prefix(limit)
    let end = cut.lastIndex(of: " ") ?? cut.endIndex
    return String(cut[..<end]) + " …"
  }

  static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

  static func number(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e9 { return String(Int(value)) }
    let formatted = String(format: "%.2f", value)
    return formatted
  }

  /// Hedges as quoted surfaces, each once (a scare quote keeps its own marks).
  static func distinctMarkers(_ findings: [Finding]) -> [String] {
    var seen: Set<String> = []
    var result: [String] = []
    for finding in findings {
      let bare = String(finding.surface.filter { !($0.utf16.count == 1 && Typography.quotationMarks.contains($0.utf16.first!)) })
      guard seen.insert(bare).inserted else { continue }
      let shown = finding.label == "scare-quote" ? "„\(Markdown.escape(bare))”" : "„\(Markdown.escape(finding.surface))”"
      result.append("\(shown) (\(finding.label))")
    }
    return result
  }
}
