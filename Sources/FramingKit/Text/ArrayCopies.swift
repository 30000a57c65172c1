extension Array {
  /// `count` copies of `value`, as `init(repeating:count:)` gives them. That initializer allocates
  /// through a standard-library entry point that is not specialized for the element type, and on
  /// Linux it looks the storage type up at run time on every call (about 350 instructions); copying a
  /// `repeatElement` collection allocates through code specialized in this module. Every article
  /// makes a few dozen such small arrays, so the difference shows per article.
  @inline(__always)
  init(copies value: Element, count: Int) { self.init(repeatElement(value, count: count)) }

  /// Sorts the elements from `start` on, in place through a buffer: sorting `self[start...]` copies
  /// the whole array first (the slice shares its storage), and lists that are appended to and then
  /// sorted by the part just added are long.
  mutating func sortTail(from start: Int, by areInIncreasingOrder: (Element, Element) -> Bool) {
    guard count - start > 1 else { return }
    withUnsafeMutableBufferPointer { all in
      var tail = UnsafeMutableBufferPointer(rebasing: all[start...])
      tail.sort(by: areInIncreasingOrder)
    }
  }
}

extension UnsafeMutableBufferPointer {
  /// `count` copies of `value` in new memory the caller owns (and frees).
  static func allocate(count: Int, filledWith value: Element) -> Self {
    let buffer = allocate(capacity: count)
    buffer.initialize(repeating: value)
    return buffer
  }

  /// Memory a type owns, grown to hold at least `count` elements: this buffer when it does already;
  /// else one doubled until it does, with this one's first `kept` elements moved in and the rest set
  /// to `fill`, and this one freed. Hot tables live in such memory, since an array held by a class
  /// is retained and released at every read.
  func grown(toHold count: Int, keeping kept: Int, filling fill: Element) -> Self {
    guard count > self.count else { return self }
    var capacity = Swift.max(self.count, 1)
    while capacity < count { capacity *= 2 }
    let grown = Self.allocate(capacity: capacity)
    _ = grown.initialize(fromContentsOf: self[..<kept])
    UnsafeMutableBufferPointer(rebasing: grown[kept...]).initialize(repeating: fill)
    deallocate()
    return grown
  }
}

extension Array where Element == Int {
  /// Whether no element is greater than the next (a plain loop: a zip of the list with its tail
  /// makes the runtime build generic type metadata on first use).
  var isAscending: Bool {
    var index = 1
    while index < count {
      if self[index - 1] > self[index] { return false }
      index += 1
    }
    return true
  }
}
