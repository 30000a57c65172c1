import CMemory

/// Every word, stem and shape that the patterns of one language use, numbered as terms. A token is
/// looked up once per distinct form (see `TermCache`); the phrase tries then walk term numbers.
///
/// Matching policy: a pattern word matches a token with the same folded key; a stem matches a token
/// whose folded key starts with it; a shape matches by its rule. Names (registry aliases and naming
/// variants) also match through the loose key — words of four letters or more for whole words — so
/// "Lukaszence" or "Lukašenko" meet "Łukaszence" and "Лукашенко". General vocabulary does not, as
/// diacritics tell words apart there ("konnte"/"könnte", "ze"/"że").
final class Vocabulary: @unchecked Sendable {
  /// Terms by folded scalars (hashing a non-ASCII String normalizes it first, which is slower).
  private var words: [[UInt32]: Int32] = [:]
  private var stems: [[UInt32]: Int32] = [:]
  /// Words (exact) and stems (prefixes) in one trie over folded scalars, and the loose-keyed names
  /// in another, so a form is looked up by one walk of each instead of hashing strings.
  private let foldedTrie = ScalarTrie()
  private let looseTrie = ScalarTrie()
  private var shapeTerms: [String: Int32] = [:]
  private var shapeTermList: [Int32] = []
  private var shapeRules: [WordShape.Rule] = []
  private(set) var count: Int32 = 0
  /// By term number: a bit for every phrase index (its `ordinal`) with a pattern starting with the term.
  private(set) var startMasks: [UInt32] = []
  private var indexCount = 0

  private func next() -> Int32 {
    defer { count += 1 }
    startMasks.append(0)
    return count
  }

  private var looseWordTerms: Set<Int32> = []
  private var looseStemTerms: Set<Int32> = []

  /// A bit number for a new phrase index over this vocabulary.
  func nextIndexOrdinal() -> Int {
    precondition(indexCount < 32, "a language has at most 32 phrase indexes")
    defer { indexCount += 1 }
    return indexCount
  }

  func markStart(term: Int32, ordinal: Int) { startMasks[Int(term)] |= 1 << UInt32(ordinal) }

  func term(word key: FoldedKey, loose: Bool) -> Int32 {
    if let known = words[key.foldedScalars] {
      if loose && key.looseScalars.count >= 4 && looseWordTerms.insert(known).inserted {
        looseTrie.insert(key.looseScalars, term: known, exact: true)
      }
      return known
    }
    let term = next()
    words[key.foldedScalars] = term
    foldedTrie.insert(key.foldedScalars, term: term, exact: true)
    if loose && key.looseScalars.count >= 4 && looseWordTerms.insert(term).inserted {
      looseTrie.insert(key.looseScalars, term: term, exact: true)
    }
    return term
  }

  func term(stem key: FoldedKey, loose: Bool) -> Int32 {
    if let known = stems[key.foldedScalars] {
      if loose && looseStemTerms.insert(known).inserted { looseTrie.insert(key.looseScalars, term: known, exact: false) }
      return known
    }
    let term = next()
    stems[key.foldedScalars] = term
    foldedTrie.insert(key.foldedScalars, term: term, exact: false)
    if loose && looseStemTerms.insert(term).inserted { looseTrie.insert(key.looseScalars, term: term, exact: false) }
    return term
  }

  /// The term of a named shape, or nil when the language defines no such shape.
  func term(shape name: String) -> Int32? { shapeTerms[name] }

  func define(shape name: String, _ shape: WordShape) {
    guard shapeTerms[name] == nil else { return }
    let term = next()
    shapeTerms[name] = term
    shapeTermList.append(term)
    shapeRules.append(WordShape.Rule(shape))
  }

  /// Starts loading what the walks of `appendTerms(for:to:)` will read below the root, for a key looked up soon.
  func prefetch(for key: FoldedKey) {
    foldedTrie.prefetch(key.foldedScalars)
    looseTrie.prefetch(key.looseScalars)
  }

  /// Appends all terms a token with this key matches to `found`, sorted and unique (what was in
  /// `found` before stays as it was): the term cache collects them straight into its flat list.
  func appendTerms(for key: FoldedKey, to found: inout [Int32]) {
    let start = found.count
    foldedTrie.collect(key.foldedScalars, into: &found)
    looseTrie.collect(key.looseScalars, into: &found)
    for (index, rule) in shapeRules.enumerated() where rule.matches(scalars: key.foldedScalars) {
      found.append(shapeTermList[index])
    }
    guard found.count - start > 1 else { return }
    found[start...].sort()
    var kept = start + 1
    for position in start + 1..<found.count where found[position] != found[kept - 1] {
      found[kept] = found[position]
      kept += 1
    }
    found.removeLast(found.count - kept)
  }
}

/// The edges of a trie in one open-addressing table keyed by (node, label), so a step costs a
/// multiply and a compare rather than a dictionary lookup per node. Key and target share a slot: a
/// step reads one cache line (tables of large vocabularies outgrow the CPU's caches). A class, so that
/// walking it from another type's method does not copy (and retain) its storage.
final class EdgeTable {
  private struct Slot {
    /// `(node + 1) << 32 | label`, 0 for an empty slot.
    var key: UInt64
    var target: Int32
    /// The target node's flags (see `setFlags`), in what would be the slot's padding: a walk that
    /// tests them at every step reads no other memory for it.
    var flags: UInt8 = 0
  }

  private var slots = [Slot](repeating: Slot(key: 0, target: 0), count: 64)
  private var count = 0
  /// The root's children along labels below `rootLimit` (Latin, Greek and Cyrillic letters; small term
  /// numbers), in a direct array: every walk starts there, and it stays in the cache.
  private var rootChildren = [Int32](repeating: -1, count: EdgeTable.rootLimit)
  private var rootChildFlags = [UInt8](repeating: 0, count: EdgeTable.rootLimit)
  private static let rootLimit = 0x0530

  private static func key(_ node: Int32, _ label: UInt32) -> UInt64 { UInt64(UInt32(bitPattern: node) + 1) << 32 | UInt64(label) }

  /// The slot where probing for a key starts.
  @inline(__always)
  private static func home(_ key: UInt64, mask: Int) -> Int { Int(truncatingIfNeeded: (key &* 0x9E3779B97F4A7C15) >> 32) & mask }

  private func slot(for key: UInt64) -> Int {
    slots.withUnsafeBufferPointer { slots in
      let mask = slots.count - 1
      var slot = Self.home(key, mask: mask)
      while slots[slot].key != 0 && slots[slot].key != key { slot = (slot + 1) & mask }
      return slot
    }
  }

  /// Starts loading the slot where the child of `node` along `label` would be.
  func prefetch(_ node: Int32, _ label: UInt32) {
    if node == 0 && label < Self.rootLimit { return }
    let key = Self.key(node, label)
    slots.withUnsafeBufferPointer { slots in
      cmemory_prefetch(slots.baseAddress! + Self.home(key, mask: slots.count - 1))
    }
  }

  /// The child of `node` along `label`, or -1.
  func child(_ node: Int32, _ label: UInt32) -> Int32 { step(node, label).target }

  /// The child of `node` along `label` (or -1) with the flags set for it.
  @inline(__always)
  func step(_ node: Int32, _ label: UInt32) -> (target: Int32, flags: UInt8) {
    if node == 0 && label < Self.rootLimit { return (rootChildren[Int(label)], rootChildFlags[Int(label)]) }
    let key = Self.key(node, label)
    return slots.withUnsafeBufferPointer { slots in
      let mask = slots.count - 1
      var slot = Self.home(key, mask: mask)
      while true {
        let found = slots[slot]
        if found.key == key { return (found.target, found.flags) }
        if found.key == 0 { return (-1, 0) }
        slot = (slot + 1) & mask
      }
    }
  }

  /// Adds `flags` to those of the child of `node` along `label`, which must exist. The flags are kept
  /// on the edge into the child (each node but the root has one), where `step` finds them.
  func setFlags(_ node: Int32, _ label: UInt32, _ flags: UInt8) {
    if node == 0 && label < Self.rootLimit {
      rootChildFlags[Int(label)] |= flags
      return
    }
    let slot = slot(for: Self.key(node, label))
    precondition(slots[slot].key != 0, "flags for a missing edge")
    slots[slot].flags |= flags
  }

  /// The node a run of labels leads to from the root, adding the missing nodes (numbered by
  /// `newNode`) on the way.
  func path(_ labels: [UInt32], newNode: () -> Int32) -> Int32 {
    var node: Int32 = 0
    for label in labels {
      let next = child(node, label)
      if next >= 0 {
        node = next
        continue
      }
      let made = newNode()
      add(node, label, target: made)
      node = made
    }
    return node
  }

  func add(_ node: Int32, _ label: UInt32, target: Int32) {
    if node == 0 && label < Self.rootLimit {
      rootChildren[Int(label)] = target
      return
    }
    let key = Self.key(node, label)
    slots[slot(for: key)] = Slot(key: key, target: target)
    count += 1
    if count * 2 > slots.count { grow() }
  }

  private func grow() {
    let old = slots
    slots = [Slot](repeating: Slot(key: 0, target: 0), count: old.count * 2)
    for entry in old where entry.key != 0 { slots[slot(for: entry.key)] = entry }
  }
}

/// Words and stems in a trie over Unicode scalars: walking a form once yields every stem that is a
/// prefix of it and the words equal to it, without building strings.
final class ScalarTrie {
  private let edges = EdgeTable()
  /// Per node: terms of the stems ending there (they match any longer form too) and of the words.
  private var stemTerms: [[Int32]] = [[]]
  private var wordTerms: [[Int32]] = [[]]
  /// Edge flags of a node (`EdgeTable.setFlags`): stems end there, words end there. The walk tests
  /// them on the edge it takes and only reads (and retains) a term list where there is one.
  private static let stemEnds: UInt8 = 1, wordEnds: UInt8 = 2

  var isEmpty: Bool { stemTerms.count == 1 }

  func insert(_ scalars: [UInt32], term: Int32, exact: Bool) {
    // The root is no stem, and no word is empty.
    guard let last = scalars.last else { return }
    let makeNode = { () -> Int32 in
      self.stemTerms.append([])
      self.wordTerms.append([])
      return Int32(self.stemTerms.count - 1)
    }
    let parent = edges.path(Array(scalars.dropLast()), newNode: makeNode)
    var node = edges.child(parent, last)
    if node < 0 {
      node = makeNode()
      edges.add(parent, last, target: node)
    }
    let index = Int(node)
    if exact {
      if !wordTerms[index].contains(term) { wordTerms[index].append(term) }
      edges.setFlags(parent, last, Self.wordEnds)
    } else {
      if !stemTerms[index].contains(term) { stemTerms[index].append(term) }
      edges.setFlags(parent, last, Self.stemEnds)
    }
  }

  /// Starts loading the edge a walk of this form takes from its first letter's node (the root's own
  /// children sit in a direct array): walks of new forms mostly end within their first letters, and
  /// several loads under way together cost little more than one.
  func prefetch(_ scalars: [UInt32]) {
    guard scalars.count >= 2 else { return }
    let first = edges.child(0, scalars[0])
    if first >= 0 { edges.prefetch(first, scalars[1]) }
  }

  /// Appends the terms of every stem that is a prefix of the form and of every word equal to it.
  func collect(_ scalars: [UInt32], into found: inout [Int32]) {
    guard !isEmpty, !scalars.isEmpty else { return }
    var node: Int32 = 0
    var flags: UInt8 = 0
    for scalar in scalars {
      (node, flags) = edges.step(node, scalar)
      if node < 0 { return }
      if flags & Self.stemEnds != 0 { found.append(contentsOf: stemTerms[Int(node)]) }
    }
    if flags & Self.wordEnds != 0 { found.append(contentsOf: wordTerms[Int(node)]) }
  }
}

/// A map from whole words (as scalars) to a small value, walked like the tries: a form that is no
/// key usually fails within its first letters, without hashing the whole form, and a form longer
/// than every key is answered without a walk.
final class ScalarMap: @unchecked Sendable {
  private let edges = EdgeTable()
  private var values: [UInt8] = [0]
  private var longestKey = 0

  subscript(_ scalars: [UInt32]) -> UInt8 {
    get {
      guard scalars.count <= longestKey else { return 0 }
      var node: Int32 = 0
      for scalar in scalars {
        node = edges.child(node, scalar)
        if node < 0 { return 0 }
      }
      return values[Int(node)]
    }
    set {
      longestKey = max(longestKey, scalars.count)
      let node = edges.path(scalars) {
        values.append(0)
        return Int32(values.count - 1)
      }
      values[Int(node)] = newValue
    }
  }
}

/// A compiled set of patterns (one lexicon kind of one language, or the registry's names in one
/// language): a trie over terms, with slot and gap edges. Within one index the longest match wins;
/// at equal length, the entry listed first. Matching never leaves the token range it is given
/// (a sentence), and costs time linear in the number of tokens (pattern length is bounded).
final class PhraseIndex: @unchecked Sendable {

  /// A match: which payload, which tokens, and which registry mentions filled its slots.
  struct Match: Hashable {
    let payload: Int
    let tokens: Range<Int>
    let fills: [Int]
  }

  /// Nodes are numbers; term edges live in `edges`, the rest in arrays by node.
  private let edges = EdgeTable()
  private var hasTermEdges: [Bool] = [false]
  private var slotEdges: [[(kind: SlotKind, child: Int32)]] = [[]]
  private var gaps: [Int32] = [-1]
  /// Index of the payload (entry) that ends at each node, or -1.
  private var terminals: [Int32] = [-1]
  /// Whether a pattern starts with a slot, so that any token starting a registry mention may start one.
  /// Whether a pattern starts with a slot (it may then start wherever a registry mention does).
  private var rootHasSlots = false
  let vocabulary: Vocabulary
  /// This index's bit in the vocabulary's start masks: most tokens start no pattern, and a token's
  /// mask (`TokenTerms.startMask`) answers that without walking its terms.
  let startBit: UInt32
  private(set) var hasSlots = false

  /// Whether this index holds names, which also match through loose keys.
  let matchesLoosely: Bool

  init(vocabulary: Vocabulary, matchesLoosely: Bool = false) {
    self.vocabulary = vocabulary
    self.matchesLoosely = matchesLoosely
    startBit = 1 << UInt32(vocabulary.nextIndexOrdinal())
  }

  private func newNode() -> Int32 {
    hasTermEdges.append(false)
    slotEdges.append([])
    gaps.append(-1)
    terminals.append(-1)
    return Int32(terminals.count - 1)
  }

  private func child(of node: Int32, term: Int32) -> Int32 {
    let known = edges.child(node, UInt32(bitPattern: term))
    if known >= 0 { return known }
    if node == 0 { vocabulary.markStart(term: term, ordinal: startBit.trailingZeroBitCount) }
    let next = newNode()
    edges.add(node, UInt32(bitPattern: term), target: next)
    hasTermEdges[Int(node)] = true
    return next
  }

  /// Adds a pattern for a payload. Returns false when the pattern uses a shape the vocabulary lacks.
  @discardableResult
  func insert(_ pattern: Pattern, payload: Int) -> Bool {
    var node: Int32 = 0
    for element in pattern.elements {
      switch element {
      case .word(let key): node = child(of: node, term: vocabulary.term(word: key, loose: matchesLoosely))
      case .stem(let key): node = child(of: node, term: vocabulary.term(stem: key, loose: matchesLoosely))
      case .shape(let name):
        guard let term = vocabulary.term(shape: name) else { return false }
        node = child(of: node, term: term)
      case .slot(let kind):
        hasSlots = true
        if node == 0 { rootHasSlots = true }
        if let existing = slotEdges[Int(node)].first(where: { $0.kind == kind }) {
          node = existing.child
        } else {
          let next = newNode()
          slotEdges[Int(node)].append((kind, next))
          node = next
        }
      case .gap:
        if gaps[Int(node)] < 0 {
          let next = newNode()
          gaps[Int(node)] = next
        }
        node = gaps[Int(node)]
      }
    }
    let terminal = terminals[Int(node)]
    if terminal < 0 || Int(terminal) > payload { terminals[Int(node)] = Int32(payload) }
    return true
  }

  /// The longest match starting at token `start`, within `limit`.
  func longestMatch(at start: Int, limit: Int, terms: TokenTerms, fills: SlotFills?) -> Match? {
    guard start < limit, mayStart(at: start, terms: terms, fills: fills) else { return nil }
    if fills == nil || !hasSlots, let found = plainMatch(at: start, limit: limit, terms: terms) { return found }
    var best: Match?
    var stack: [(node: Int32, position: Int, fills: [Int])] = [(0, start, [])]
    while let (node, position, used) = stack.popLast() {
      let terminal = terminals[Int(node)]
      if terminal >= 0, position > start,
         Self.prefers(end: position, payload: Int(terminal), over: best.map { ($0.tokens.upperBound, $0.payload) }) {
        best = Match(payload: Int(terminal), tokens: start..<position, fills: used)
      }
      guard position < limit else { continue }
      if hasTermEdges[Int(node)] {
        for term in terms[position] {
          let next = edges.child(node, UInt32(bitPattern: term))
          if next >= 0 { stack.append((next, position + 1, used)) }
        }
      }
      if let fills, !slotEdges[Int(node)].isEmpty {
        for (kind, next) in slotEdges[Int(node)] {
          for fill in fills.starting(at: position, kind: kind) where fill.end <= limit {
            stack.append((next, fill.end, used + [fill.index]))
          }
        }
      }
      let gap = gaps[Int(node)]
      if gap >= 0 {
        for skip in 0...Pattern.maximumGap where position + skip < limit {
          stack.append((gap, position + skip, used))
        }
      }
    }
    return best
  }

  /// Within one index the longest match wins; at equal length, the entry listed first.
  private static func prefers(end: Int, payload: Int, over best: (end: Int, payload: Int)?) -> Bool {
    guard let best else { return true }
    return end > best.end || (end == best.end && payload < best.payload)
  }

  /// The same walk when no slot can be filled, with its stack on the call's frame: no allocation
  /// unless something matches. Returns nil when the stack overflows (the general walk then answers),
  /// and `.some(nil)` when nothing matches.
  private func plainMatch(at start: Int, limit: Int, terms: TokenTerms) -> Match?? {
    // 64 entries (512 bytes) stay on the stack; a larger temporary allocation is asked of the heap
    // whenever the runtime cannot prove the stack has room, which on Linux is always.
    let capacity = 64
    return withUnsafeTemporaryAllocation(of: (node: Int32, position: Int32).self, capacity: capacity) { stack -> Match?? in
      stack[0] = (0, Int32(start))
      var top = 1
      var bestPayload = -1, bestEnd = -1
      while top > 0 {
        top -= 1
        let (node, position32) = stack[top]
        let position = Int(position32)
        let terminal = Int(terminals[Int(node)])
        if terminal >= 0, position > start,
           Self.prefers(end: position, payload: terminal, over: bestPayload < 0 ? nil : (bestEnd, bestPayload)) {
          bestEnd = position
          bestPayload = terminal
        }
        guard position < limit else { continue }
        if hasTermEdges[Int(node)] {
          for term in terms[position] {
            let next = edges.child(node, UInt32(bitPattern: term))
            guard next >= 0 else { continue }
            guard top < capacity else { return nil }
            stack[top] = (next, position32 + 1)
            top += 1
          }
        }
        let gap = gaps[Int(node)]
        if gap >= 0 {
          for skip in 0...Pattern.maximumGap where position + skip < limit {
            guard top < capacity else { return nil }
            stack[top] = (gap, Int32(position + skip))
            top += 1
          }
        }
      }
      return .some(bestPayload < 0 ? nil : Match(payload: bestPayload, tokens: start..<bestEnd, fills: []))
    }
  }

  /// Most tokens start no pattern: the token's start mask says so without allocating (a pattern
  /// led by a slot may start wherever a registry mention does).
  @inline(__always)
  private func mayStart(at position: Int, terms: TokenTerms, fills: SlotFills?) -> Bool {
    terms.startMask(position) & startBit != 0 || (rootHasSlots && fills?.hasFill(at: position) == true)
  }

  /// Whether a pattern may start anywhere in a token range whose tokens' start masks OR to `startMask`
  /// (`mayStart` for a whole sentence at once: most indexes have nothing to look for in most sentences).
  func mayMatch(startMask: UInt32, fills: SlotFills?) -> Bool {
    startMask & startBit != 0 || (rootHasSlots && fills?.isEmpty == false)
  }

  /// Non-overlapping matches in a token range, left to right, longest first at each position.
  func matches(in range: Range<Int>, terms: TokenTerms, fills: SlotFills? = nil) -> [Match] {
    var result: [Match] = []
    var position = range.lowerBound
    while position < range.upperBound {
      if mayStart(at: position, terms: terms, fills: fills),
         let match = longestMatch(at: position, limit: range.upperBound, terms: terms, fills: fills) {
        result.append(match)
        position = match.tokens.upperBound
      } else {
        position += 1
      }
    }
    return result
  }
}

/// The terms of every token of a document in one language's vocabulary: the document's form numbers
/// and the per-form table of its `TermCache` (shared, not copied).
struct TokenTerms {
  private let forms: [Int32]
  private let flat: [Int32]
  /// Per form: where its terms are in `flat`, and its start mask.
  private let entries: [TermCache.Entry]
  /// Per token: its form's start mask (read at every token by every index; one load, not two).
  private let tokenMasks: [UInt32]

  init(forms: [Int32], keys: KeyStore, cache: TermCache) {
    // Only a form met for the first time needs its key, read without retaining it (the store outlives
    // this call); the walks of the form a few places ahead are prefetched.
    // (A form met twice is listed twice; preparing it again returns at once.)
    // Read through one reference to the cache's table (asking the cache form by form retains and
    // releases it each time), let go before preparing writes to the table.
    let unprepared = { (known: [TermCache.Entry]) in forms.filter { Int($0) >= known.count || known[Int($0)].start < 0 } }(cache.entries)
    let distance = 4
    let vocabulary = cache.vocabulary
    for (index, form) in unprepared.enumerated() {
      if index + distance < unprepared.count {
        keys.unmanagedKey(unprepared[index + distance])._withUnsafeGuaranteedRef { vocabulary.prefetch(for: $0) }
      }
      keys.unmanagedKey(form)._withUnsafeGuaranteedRef { cache.prepare(form: form, key: $0) }
    }
    self.forms = forms
    flat = cache.flat
    let entries = cache.entries
    self.entries = entries
    tokenMasks = forms.map { entries[Int($0)].mask }
  }

  subscript(token: Int) -> ArraySlice<Int32> {
    let entry = entries[Int(forms[token])]
    return flat[Int(entry.start)..<Int(entry.end)]
  }

  /// The phrase indexes (their `startBit`s) with a pattern that can start at this token.
  func startMask(_ token: Int) -> UInt32 { tokenMasks[token] }
}

/// Per-worker memo of `Vocabulary.appendTerms(for:to:)` by form number, so each distinct form is looked up
/// once; terms are kept in one flat array.
final class TermCache {
  /// A form's terms (`flat[start..<end]`) and start mask, together: a token's lookups read one place
  /// (the table outgrows the nearer caches on a large corpus).
  struct Entry {
    var start: Int32
    var end: Int32
    var mask: UInt32
    /// Not looked up yet.
    static let unprepared = Entry(start: -1, end: -1, mask: 0)
  }

  let vocabulary: Vocabulary
  private(set) var flat: [Int32] = []
  /// By form number.
  private(set) var entries: [Entry] = []

  init(vocabulary: Vocabulary) { self.vocabulary = vocabulary }

  func prepare(form: Int32, key: FoldedKey) {
    let index = Int(form)
    if index < entries.count, entries[index].start >= 0 { return }
    if entries.count <= index {
      entries.append(contentsOf: repeatElement(.unprepared, count: max(index + 1, entries.count * 2) - entries.count))
    }
    let start = flat.count
    vocabulary.appendTerms(for: key, to: &flat)
    var mask: UInt32 = 0
    let startMasks = vocabulary.startMasks
    for position in start..<flat.count { mask |= startMasks[Int(flat[position])] }
    entries[index] = Entry(start: Int32(start), end: Int32(flat.count), mask: mask)
  }
}

/// Registry mentions available to fill slots, by the token where they start.
struct SlotFills {
  struct Fill {
    let index: Int
    let end: Int
    let isPerson: Bool
  }

  private var byStart: [Int: [Fill]] = [:]

  init(_ fills: [(start: Int, fill: Fill)]) {
    for (start, fill) in fills { byStart[start, default: []].append(fill) }
  }

  var isEmpty: Bool { byStart.isEmpty }

  func hasFill(at token: Int) -> Bool { byStart[token] != nil }

  func starting(at token: Int, kind: SlotKind) -> [Fill] {
    guard let fills = byStart[token] else { return [] }
    return kind == .person ? fills.filter(\.isPerson) : fills
  }
}
