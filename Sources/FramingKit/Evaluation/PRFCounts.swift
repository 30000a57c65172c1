/// True positives, false positives and false negatives; addable, so per-label and per-corpus totals
/// are sums of per-article counts.
public struct PRFCounts: Hashable, Codable, Sendable {
  public var truePositives = 0
  public var falsePositives = 0
  public var falseNegatives = 0

  public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0) {
    self.truePositives = truePositives
    self.falsePositives = falsePositives
    self.falseNegatives = falseNegatives
  }

  public var precision: Double { truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives) }
  public var recall: Double { truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives) }
  public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

  public static func + (lhs: PRFCounts, rhs: PRFCounts) -> PRFCounts {
    PRFCounts(truePositives: lhs.truePositives + rhs.truePositives, falsePositives: lhs.falsePositives + rhs.falsePositives,
              falseNegatives: lhs.falseNegatives + rhs.falseNegatives)
  }

  public static func += (lhs: inout PRFCounts, rhs: PRFCounts) { lhs = lhs + rhs }
}
