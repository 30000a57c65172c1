extension Array {
  /// `count` copies of `value`, as `init(repeating:count:)` gives them. That initializer allocates
  /// through a standard-library entry point that is not specialized for the element type, and on
  /// Linux it looks the storage type up at run time on every call (about 350 instructions); copying a
  /// `repeatElement` collection allocates through code specialized in this module. Every article
  /// makes a few dozen such small arrays, so the difference shows per article.
  @inline(__always)
  init(copies value: Element, count: Int) { self.init(repeatElement(value, count: count)) }
}
