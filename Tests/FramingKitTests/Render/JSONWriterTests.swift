@testable import FramingKit
import Testing

@Suite struct JSONWriterTests {
  static func written(_ number: Double) -> String {
    var writer = JSONWriter(pretty: false)
    writer.value(number)
    return writer.string
  }

  /// Numbers rounded to four decimals are spelled without a String, exactly as Swift spells them.
  @Test func roundedNumbersAreSpelledAsSwiftSpellsThem() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for step in 0..<200_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let magnitude = [1.0, 10, 1_000, 1_000_000, 1e9][step % 5]
      let raw = Double(state >> 11) / Double(1 << 53) * magnitude * (step % 3 == 0 ? -1 : 1)
      let number = JSONOutput.round(raw)
      if number == number.rounded() { continue }
      #expect(Self.written(number) == "\(number)", "\(raw)")
    }
    #expect(Self.written(0.0001) == "0.0001")
    #expect(Self.written(-12.5) == "-12.5")
    #expect(Self.written(0.9783) == "0.9783")
    #expect(Self.written(1e-7) == "\(1e-7)")
    #expect(Self.written(3.14159265) == "\(3.14159265)")
  }
}
