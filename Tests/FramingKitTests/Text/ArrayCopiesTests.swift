@testable import FramingKit
import Testing

@Suite struct ArrayCopiesTests {
  /// Sorting the part of a list after `start` leaves the part before it as it was, keeps equal
  /// elements in their order, and leaves a tail of one or none alone.
  @Test func aTailIsSortedInPlaceAndStably() {
    var pairs = [(9, "a"), (1, "b"), (5, "c"), (3, "d"), (5, "e"), (2, "f"), (3, "g")]
    pairs.sortTail(from: 2) { $0.0 < $1.0 }
    #expect(pairs.map(\.1) == ["a", "b", "f", "d", "g", "c", "e"])
    var short = [3, 2, 1]
    short.sortTail(from: 2, by: <)
    #expect(short == [3, 2, 1])
    short.sortTail(from: 3, by: <)
    #expect(short == [3, 2, 1])
    short.sortTail(from: 0, by: <)
    #expect(short == [1, 2, 3])
  }
}
