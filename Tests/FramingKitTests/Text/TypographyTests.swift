@testable import FramingKit
import Testing

@Suite struct TypographyTests {
  /// The quotation-mark switch that scans use must say yes to exactly the marks of the set.
  @Test func quotationMarkSwitchEqualsTheSet() {
    for unit in UInt16.min...UInt16.max {
      #expect(Typography.isQuotationMark(unit) == Typography.quotationMarks.contains(unit), "U+\(String(unit, radix: 16))")
    }
  }
}
