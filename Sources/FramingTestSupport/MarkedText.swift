/// A sentence with spans marked by ⟦ and ⟧, as lexicon examples and tests write them.
public struct MarkedText: Sendable {
  public let text: String
  /// The marked spans in code points of `text` (markers removed).
  public let spans: [Range<Int>]

  public init(_ marked: String) {
    var text = ""
    var spans: [Range<Int>] = []
    var open: [Int] = []
    var count = 0
    for scalar in marked.unicodeScalars {
      if scalar == "⟦" { open.append(count); continue }
      if scalar == "⟧" { if let start = open.popLast() { spans.append(start..<count) }; continue }
      text.unicodeScalars.append(scalar)
      count += 1
    }
    self.text = text
    self.spans = spans.sorted { $0.lowerBound < $1.lowerBound }
  }
}
