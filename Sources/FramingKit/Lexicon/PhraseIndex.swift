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
  /// By term number, over every index where a pattern starts with the term: the labels of the term
  /// edges leaving the node the term leads to (`PhraseIndex.followBit`), and a bit for every index
  /// where that node ends a pattern or goes on by a gap or a slot. Most walks from a token that starts
  /// a pattern end at the next token, none of whose terms goes on: a token's terms then tell, with the
  /// next token's labels, that no walk is needed (`TokenTerms.mayWalk`), sparing the walk and the load
  /// of a node far away in memory. Kept by `PhraseIndex.insert` (a node only ever gains edges).
  private(set) var followers: [(labels: UInt32, settled: UInt32)] = []
  private var indexCount = 0

  private func next() -> Int32 {
    defer { count += 1 }
    startMasks.append(0)
    followers.append((0, 0))
    return count
  }

  func addFollowers(term: Int32, labels: UInt32, settled: Bool, startBit: UInt32) {
    followers[Int(term)].labels |= labels
    if settled { followers[Int(term)].settled |= startBit }
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

  /// Starts loading what the walks of `appendTerms(folded:loose:to:)` will read below the root, for a key looked up soon.
  func prefetch(folded: UnsafeBufferPointer<UInt32>, loose: UnsafeBufferPointer<UInt32>) {
    foldedTrie.prefetch(folded)
    looseTrie.prefetch(loose)
  }

  /// Appends all terms a token with this key matches to `found`, sorted and unique (what was in
  /// `found` before stays as it was): the term cache collects them straight into its flat list.
  func appendTerms(folded: UnsafeBufferPointer<UInt32>, loose: UnsafeBufferPointer<UInt32>, to found: inout [Int32]) {
    let start = found.count
    foldedTrie.collect(folded, into: &found)
    looseTrie.collect(loose, into: &found)
    for (index, rule) in shapeRules.enumerated() where rule.matches(scalars: folded) {
      found.append(shapeTermList[index])
    }
    guard found.count - start > 1 else { return }
    found.sortTail(from: start, by: <)
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
  }

  private var slots = [Slot](repeating: Slot(key: 0, target: 0), count: 64)
  private var count = 0
  /// The root's children along labels below `rootLimit` (Latin, Greek and Cyrillic letters; small term
  /// numbers), in a direct array: every walk starts there, and it stays in the cache.
  private var rootChildren = [Int32](repeating: -1, count: EdgeTable.rootLimit)
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

  /// The root's child along `label` when the direct array holds it (-1: none), else nil.
  @inline(__always)
  func rootChild(_ label: UInt32) -> Int32? { label < Self.rootLimit ? rootChildren[Int(label)] : nil }

  /// The child of `node` along `label`, or -1.
  @inline(__always)
  func child(_ node: Int32, _ label: UInt32) -> Int32 {
    if node == 0, let child = rootChild(label) { return child }
    let key = Self.key(node, label)
    return slots.withUnsafeBufferPointer { slots in
      let mask = slots.count - 1
      var slot = Self.home(key, mask: mask)
      while true {
        let found = slots[slot]
        if found.key == key { return found.target }
        if found.key == 0 { return -1 }
        slot = (slot + 1) & mask
      }
    }
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

/// Hashes of runs of scalars for the two open-addressing tables below, extended one scalar at a
/// time. A slot keeps the upper half as its tag, which is also where probing for it starts.
private enum ScalarHash {
  @inline(__always)
  static func extend(_ hash: UInt64, _ scalar: UInt32) -> UInt64 { (hash &+ UInt64(scalar) &+ 1) &* 0x9E37_79B9_7F4A_7C15 }

  /// Never 0, which marks an empty slot.
  @inline(__always)
  static func tag(_ hash: UInt64) -> UInt32 { max(UInt32(truncatingIfNeeded: hash >> 32), 1) }
}

/// A slot of those tables: its tag is its home, so a table grows by moving slots without hashing again.
private protocol TaggedSlot {
  var tag: UInt32 { get }
  init()
}

/// The used slots of `old` in a table twice its size, in new memory the caller owns.
private func doubled<Slot: TaggedSlot>(_ old: UnsafeBufferPointer<Slot>) -> UnsafeMutableBufferPointer<Slot> {
  let slots = UnsafeMutableBufferPointer<Slot>.allocate(count: old.count * 2, filledWith: Slot())
  let mask = slots.count - 1
  for entry in old where entry.tag != 0 {
    var slot = Int(entry.tag) & mask
    while slots[slot].tag != 0 { slot = (slot + 1) & mask }
    slots[slot] = entry
  }
  return slots
}

/// Words and stems in a trie over Unicode scalars: walking a form once yields every stem that is a
/// prefix of it and the words equal to it, without building strings.
///
/// Each edge sits in one open-addressing table at a slot given by a hash of the whole prefix it ends,
/// not of (parent node, label): the slots of a form's prefixes are known before the walk reaches
/// them, so the loads of the next few are under way together instead of one after another (a
/// vocabulary's table outgrows the nearer caches, and a walk step by step waits for memory at every
/// letter). The slot keeps the edge's parent and label, so a step is exact whatever the hashes do.
final class ScalarTrie {
  /// Sixteen bytes, so four slots fill a cache line and none straddles two.
  private struct Slot: TaggedSlot {
    /// Of the prefix's hash (`ScalarHash.tag`); 0 marks an empty slot.
    var tag: UInt32 = 0
    var label: UInt32 = 0
    var parent: Int32 = 0
    /// The target node in the low 30 bits; above them its flags (stems end there, words end there).
    private var targetAndFlags: UInt32 = 0

    init() {}

    init(tag: UInt32, label: UInt32, parent: Int32, target: Int32) {
      precondition(target >= 0 && target < 1 << 30, "a trie of more nodes than its slots can number")
      self.tag = tag
      self.label = label
      self.parent = parent
      targetAndFlags = UInt32(target)
    }

    var target: Int32 { Int32(bitPattern: targetAndFlags & 0x3FFF_FFFF) }
    var flags: UInt8 {
      get { UInt8(truncatingIfNeeded: targetAndFlags >> 30) }
      set { targetAndFlags = targetAndFlags & 0x3FFF_FFFF | UInt32(newValue) << 30 }
    }
  }

  /// In memory the trie owns (freed in `deinit`): walks run for every new word form, and reaching an
  /// array held by a class retains and releases its storage each time.
  private var slots = UnsafeMutableBufferPointer<Slot>.allocate(count: 64, filledWith: Slot())
  private var edgeCount = 0
  /// The longest form with a node: a walk never looks further.
  private var depth = 0
  /// Per node, the terms of the stems ending there (they match any longer form too) and of the words,
  /// each a chain of links (-1: none, or the end). In owned memory as the slots are: a walk appends a
  /// node's terms without retaining a list per node.
  private struct Link {
    var term: Int32
    var next: Int32
  }
  private var stemHeads = UnsafeMutableBufferPointer<Int32>.allocate(count: 64, filledWith: -1)
  private var wordHeads = UnsafeMutableBufferPointer<Int32>.allocate(count: 64, filledWith: -1)
  private var nodeCount = 1
  private var links = UnsafeMutableBufferPointer<Link>.allocate(count: 64, filledWith: Link(term: 0, next: -1))
  private var linkCount = 0
  private static let stemEnds: UInt8 = 1, wordEnds: UInt8 = 2

  deinit {
    slots.deallocate()
    stemHeads.deallocate()
    wordHeads.deallocate()
    links.deallocate()
  }

  /// Adds a term to the chain that starts at `head`, unless it is there already.
  private func add(_ term: Int32, to head: inout Int32) {
    var link = head
    while link >= 0 {
      if links[Int(link)].term == term { return }
      link = links[Int(link)].next
    }
    links = links.grown(toHold: linkCount + 1, keeping: linkCount, filling: Link(term: 0, next: -1))
    links[linkCount] = Link(term: term, next: head)
    head = Int32(linkCount)
    linkCount += 1
  }

  /// Appends the terms of the chain that starts at `head` (in no particular order: the caller sorts them).
  @inline(__always)
  private func appendChain(_ head: Int32, to found: inout [Int32]) {
    var link = head
    while link >= 0 {
      found.append(links[Int(link)].term)
      link = links[Int(link)].next
    }
  }

  /// The slot of the edge from `parent` along `label` whose prefix has this tag, or of the empty slot
  /// where it would go.
  @inline(__always)
  private static func find(_ slots: UnsafeBufferPointer<Slot>, tag: UInt32, parent: Int32, label: UInt32) -> Int {
    let mask = slots.count - 1
    var slot = Int(tag) & mask
    while true {
      let candidate = slots[slot]
      if candidate.tag == 0 || (candidate.tag == tag && candidate.parent == parent && candidate.label == label) { return slot }
      slot = (slot + 1) & mask
    }
  }

  func insert(_ scalars: [UInt32], term: Int32, exact: Bool) {
    // The root is no stem, and no word is empty.
    guard !scalars.isEmpty else { return }
    var node: Int32 = 0
    var hash: UInt64 = 0
    var slot = 0
    for label in scalars {
      hash = ScalarHash.extend(hash, label)
      let tag = ScalarHash.tag(hash)
      slot = Self.find(UnsafeBufferPointer(slots), tag: tag, parent: node, label: label)
      if slots[slot].tag == 0 {
        stemHeads = stemHeads.grown(toHold: nodeCount + 1, keeping: nodeCount, filling: -1)
        wordHeads = wordHeads.grown(toHold: nodeCount + 1, keeping: nodeCount, filling: -1)
        slots[slot] = Slot(tag: tag, label: label, parent: node, target: Int32(nodeCount))
        nodeCount += 1
        edgeCount += 1
        if edgeCount * 2 > slots.count {
          let old = slots
          slots = doubled(UnsafeBufferPointer(old))
          old.deallocate()
          slot = Self.find(UnsafeBufferPointer(slots), tag: tag, parent: node, label: label)
        }
      }
      node = slots[slot].target
    }
    depth = max(depth, scalars.count)
    let index = Int(node)
    if exact {
      add(term, to: &wordHeads[index])
      slots[slot].flags |= Self.wordEnds
    } else {
      add(term, to: &stemHeads[index])
      slots[slot].flags |= Self.stemEnds
    }
  }

  /// Starts loading the slots of a form's first prefixes, for a form looked up soon.
  func prefetch(_ scalars: UnsafeBufferPointer<UInt32>) {
    let slots = self.slots
    let mask = slots.count - 1
    var hash: UInt64 = 0
    for label in scalars.prefix(3) {
      hash = ScalarHash.extend(hash, label)
      cmemory_prefetch(slots.baseAddress! + (Int(ScalarHash.tag(hash)) & mask))
    }
  }

  /// Appends the terms of every stem that is a prefix of the form and of every word equal to it.
  /// The slots of the next four prefixes are always being loaded: most walks end within a few
  /// letters, and hashing further prefixes than that would be wasted.
  func collect(_ scalars: UnsafeBufferPointer<UInt32>, into found: inout [Int32]) {
    let steps = min(scalars.count, depth)
    guard steps > 0 else { return }
    var node: Int32 = 0
    var flags: UInt8 = 0
    var walked = 0
    do {
      let slots = UnsafeBufferPointer(self.slots)
      let mask = slots.count - 1
      // Tags of the prefixes hashed ahead of the walk, in a ring of four.
      var tags: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
      var hash: UInt64 = 0
      var hashed = 0
      func hashNext() {
        hash = ScalarHash.extend(hash, scalars[hashed])
        let tag = ScalarHash.tag(hash)
        switch hashed & 3 {
        case 0: tags.0 = tag
        case 1: tags.1 = tag
        case 2: tags.2 = tag
        default: tags.3 = tag
        }
        cmemory_prefetch(slots.baseAddress! + (Int(tag) & mask))
        hashed += 1
      }
      while hashed < min(steps, 4) { hashNext() }
      for index in 0..<steps {
        let tag: UInt32
        switch index & 3 {
        case 0: tag = tags.0
        case 1: tag = tags.1
        case 2: tag = tags.2
        default: tag = tags.3
        }
        if hashed < steps { hashNext() }
        let edge = slots[Self.find(slots, tag: tag, parent: node, label: scalars[index])]
        // Every prefix of a node's form is a node too: a missing one ends the walk.
        if edge.tag == 0 { return }
        node = edge.target
        flags = edge.flags
        walked = index + 1
        if flags & Self.stemEnds != 0 { appendChain(stemHeads[Int(node)], to: &found) }
      }
    }
    if walked == scalars.count && flags & Self.wordEnds != 0 { appendChain(wordHeads[Int(node)], to: &found) }
  }
}

/// A map from whole words (as scalars) to a small value, in one open-addressing table keyed by a hash
/// of the whole word: a lookup costs one load where a walk letter by letter waits for memory at each
/// step, and a form longer than every key is answered without hashing.
final class ScalarMap: @unchecked Sendable {
  private struct Slot: TaggedSlot {
    /// Of the word's hash (`ScalarHash.tag`); 0 marks an empty slot.
    var tag: UInt32 = 0
    /// Where the word's scalars are in `scalarPool`.
    var start: Int32 = 0
    var length: UInt16 = 0
    var value: UInt8 = 0
  }

  /// The table and the words' scalars live in memory the map owns (freed in `deinit`): it is read for
  /// every new word form, and reaching an array held by a class retains and releases its storage.
  private var slots = UnsafeMutableBufferPointer<Slot>.allocate(count: 64, filledWith: Slot())
  private var scalarPool = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: 256)
  private var poolCount = 0
  private var count = 0
  private var longestKey = 0
  /// A bit for each word's tag, taken modulo its size: most words looked up are in no map, and a clear
  /// bit answers them from four kilobytes that stay in the nearer caches, where the table, read only
  /// for new word forms, has left them by then.
  private let filter = UnsafeMutableBufferPointer<UInt64>.allocate(count: ScalarMap.filterWords, filledWith: 0)
  private static let filterWords = 512

  deinit {
    slots.deallocate()
    scalarPool.deallocate()
    filter.deallocate()
  }

  @inline(__always)
  private static func filterBit(_ tag: UInt32) -> (word: Int, bit: UInt64) {
    let position = Int(tag) & (filterWords * 64 - 1)
    return (position >> 6, 1 << UInt64(position & 63))
  }

  @inline(__always)
  private func mayHold(tag: UInt32) -> Bool {
    let (word, bit) = Self.filterBit(tag)
    return filter[word] & bit != 0
  }

  private static func tag(_ scalars: UnsafeBufferPointer<UInt32>) -> UInt32 {
    ScalarHash.tag(scalars.reduce(0, ScalarHash.extend))
  }

  /// The slot holding the word, or the empty slot where it would go.
  private func slot(of scalars: UnsafeBufferPointer<UInt32>, tag: UInt32) -> Int {
    let slots = self.slots, pool = self.scalarPool
    let mask = slots.count - 1
    var slot = Int(tag) & mask
    while true {
      let candidate = slots[slot]
      if candidate.tag == 0 { return slot }
      if candidate.tag == tag && Int(candidate.length) == scalars.count
        && pool[Int(candidate.start)..<Int(candidate.start) + scalars.count].elementsEqual(scalars) { return slot }
      slot = (slot + 1) & mask
    }
  }

  /// Starts loading the slot where a word's lookup begins, for a word looked up soon.
  func prefetch(_ scalars: UnsafeBufferPointer<UInt32>) {
    guard scalars.count <= longestKey else { return }
    let tag = Self.tag(scalars)
    guard mayHold(tag: tag) else { return }
    cmemory_prefetch(slots.baseAddress! + (Int(tag) & (slots.count - 1)))
  }

  /// A word's value, given its scalars in memory (a form's key in the key store).
  subscript(_ scalars: UnsafeBufferPointer<UInt32>) -> UInt8 {
    guard scalars.count <= longestKey else { return 0 }
    let tag = Self.tag(scalars)
    guard mayHold(tag: tag) else { return 0 }
    return slots[slot(of: scalars, tag: tag)].value
  }

  subscript(_ scalars: [UInt32]) -> UInt8 {
    get { scalars.withUnsafeBufferPointer { self[$0] } }
    set {
      precondition(scalars.count <= Int(UInt16.max), "a word longer than any the map keeps")
      scalars.withUnsafeBufferPointer { scalars in
        let tag = Self.tag(scalars)
        var slot = slot(of: scalars, tag: tag)
        if slots[slot].tag == 0 {
          let (word, bit) = Self.filterBit(tag)
          filter[word] |= bit
          slots[slot] = Slot(tag: tag, start: Int32(poolCount), length: UInt16(scalars.count))
          scalarPool = scalarPool.grown(toHold: poolCount + scalars.count, keeping: poolCount, filling: 0)
          _ = UnsafeMutableBufferPointer(rebasing: scalarPool[poolCount..<poolCount + scalars.count]).initialize(from: scalars)
          poolCount += scalars.count
          longestKey = max(longestKey, scalars.count)
          count += 1
          if count * 2 > slots.count {
            let old = slots
            slots = doubled(UnsafeBufferPointer(old))
            old.deallocate()
            slot = self.slot(of: scalars, tag: tag)
          }
        }
        slots[slot].value = newValue
      }
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

  /// Nodes are numbers; term edges live in `edges`, slot edges in lists by node, the rest in `nodes`.
  private let edges = EdgeTable()
  private var slotEdges: [[(kind: SlotKind, child: Int32)]] = [[]]
  /// What a walk reads of each node, together (one cache line where three arrays cost three misses):
  /// a bit for each label of its term edges, modulo 64 (0: it has none; most of a token's terms are
  /// turned away by it without probing the edge table, whose loads miss the nearer caches), the
  /// payload (entry) that ends there or -1, and its gap node or -1. Memory the index owns, read
  /// without retaining an array.
  private struct Node {
    var labelBits: UInt64 = 0
    var terminal: Int32 = -1
    var gap: Int32 = -1
  }
  private var nodes = UnsafeMutableBufferPointer<Node>.allocate(count: 64, filledWith: Node())
  private var nodeCount = 1

  @inline(__always)
  private static func labelBit(_ label: UInt32) -> UInt64 { 1 &<< UInt64(label & 63) }
  /// A label's bit in 32: what `TokenTerms` keeps of a token's terms; `folded` gives a node's
  /// `labelBits` in the same 32 bits (a label's 64-bit bit folds to its 32-bit one).
  @inline(__always)
  static func followBit(_ label: UInt32) -> UInt32 { 1 &<< (label & 31) }
  private static func folded(_ labelBits: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: labelBits) | UInt32(truncatingIfNeeded: labelBits >> 32) }

  /// Tells the vocabulary what a walk finds at the root's child along a term (`Vocabulary.followers`):
  /// the labels of its term edges (folded as `followBit` folds them), and whether it ends a pattern or
  /// goes on by a gap or a slot.
  private func noteFollowers(term: Int32, child: Int32) {
    let info = nodes[Int(child)]
    vocabulary.addFollowers(term: term, labels: Self.folded(info.labelBits),
                            settled: info.terminal >= 0 || info.gap >= 0 || !slotEdges[Int(child)].isEmpty, startBit: startBit)
  }
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

  deinit { nodes.deallocate() }

  private func newNode() -> Int32 {
    nodes = nodes.grown(toHold: nodeCount + 1, keeping: nodeCount, filling: Node())
    nodeCount += 1
    slotEdges.append([])
    return Int32(nodeCount - 1)
  }

  private func child(of node: Int32, term: Int32) -> Int32 {
    let known = edges.child(node, UInt32(bitPattern: term))
    if known >= 0 { return known }
    if node == 0 { vocabulary.markStart(term: term, ordinal: startBit.trailingZeroBitCount) }
    let next = newNode()
    edges.add(node, UInt32(bitPattern: term), target: next)
    nodes[Int(node)].labelBits |= Self.labelBit(UInt32(bitPattern: term))
    return next
  }

  /// Adds a pattern for a payload. Returns false when the pattern uses a shape the vocabulary lacks.
  @discardableResult
  func insert(_ pattern: Pattern, payload: Int) -> Bool {
    var node: Int32 = 0
    // The term the pattern starts with, and the node it leads to.
    var first: (term: Int32, node: Int32)?
    defer { if let first { noteFollowers(term: first.term, child: first.node) } }
    for element in pattern.elements {
      let term: Int32
      switch element {
      case .word(let key): term = vocabulary.term(word: key, loose: matchesLoosely)
      case .stem(let key): term = vocabulary.term(stem: key, loose: matchesLoosely)
      case .shape(let name):
        guard let known = vocabulary.term(shape: name) else { return false }
        term = known
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
        continue
      case .gap:
        if nodes[Int(node)].gap < 0 {
          let next = newNode()
          nodes[Int(node)].gap = next
        }
        node = nodes[Int(node)].gap
        continue
      }
      let next = child(of: node, term: term)
      if node == 0 { first = (term, next) }
      node = next
    }
    let terminal = nodes[Int(node)].terminal
    if terminal < 0 || Int(terminal) > payload { nodes[Int(node)].terminal = Int32(payload) }
    return true
  }

  /// The longest match starting at token `start`, within `limit`.
  func longestMatch(at start: Int, limit: Int, terms: TokenTerms, fills: SlotFills?) -> Match? {
    guard start < limit, mayStart(at: start, limit: limit, terms: terms, fills: fills) else { return nil }
    return walk(at: start, limit: limit, terms: terms, fills: fills)
  }

  /// The walk from a token `mayStart` let through.
  private func walk(at start: Int, limit: Int, terms: TokenTerms, fills: SlotFills?) -> Match? {
    // A walk's stack is bounded (patterns are), so one of some size holds it; 64 entries nearly always do.
    var capacity = 64
    while true {
      if let found = walk(at: start, limit: limit, terms: terms, fills: hasSlots ? fills : nil, capacity: capacity) { return found }
      capacity *= 8
    }
  }

  /// The child of a node (read as `info`) along a term, or -1: the root's common children from the
  /// edge table's direct array, others only when the node's label bits allow.
  @inline(__always)
  private func step(_ node: Int32, _ info: Node, _ label: UInt32) -> Int32 {
    if node == 0, let child = edges.rootChild(label) { return child }
    guard info.labelBits & Self.labelBit(label) != 0 else { return -1 }
    return edges.child(node, label)
  }

  /// Within one index the longest match wins; at equal length, the entry listed first.
  private static func prefers(end: Int, payload: Int, over best: (end: Int, payload: Int)?) -> Bool {
    guard let best else { return true }
    return end > best.end || (end == best.end && payload < best.payload)
  }

  /// The walk from `start`, depth first, its stack and the slots each path used in buffers of
  /// `capacity` entries, on the call's frame for the usual 64 (768 bytes; a larger temporary allocation
  /// is asked of the heap whenever the runtime cannot prove the stack has room, which on Linux is
  /// always): a path's slots are a chain of links (a link names its fill and the link before it), so a
  /// path costs no list of its own, and nothing is allocated unless something matches. Of paths to the
  /// same end and entry the one found first wins. Returns nil when a buffer overflows (the caller tries
  /// larger ones), and `.some(nil)` when nothing matches.
  private func walk(at start: Int, limit: Int, terms: TokenTerms, fills: SlotFills?, capacity: Int) -> Match?? {
    return withUnsafeTemporaryAllocation(of: (node: Int32, position: Int32, used: Int32).self, capacity: capacity) { stack -> Match?? in
      withUnsafeTemporaryAllocation(of: (fill: Int32, previous: Int32).self, capacity: capacity) { links -> Match?? in
        stack[0] = (0, Int32(start), -1)
        var top = 1, linkCount = 0
        var bestPayload = -1, bestEnd = -1, bestUsed: Int32 = -1
        while top > 0 {
          top -= 1
          let (node, position32, used) = stack[top]
          let position = Int(position32)
          let info = nodes[Int(node)]
          let terminal = Int(info.terminal)
          if terminal >= 0, position > start,
             Self.prefers(end: position, payload: terminal, over: bestPayload < 0 ? nil : (bestEnd, bestPayload)) {
            bestEnd = position
            bestPayload = terminal
            bestUsed = used
          }
          guard position < limit else { continue }
          if info.labelBits != 0 {
            for term in terms[position] {
              let next = step(node, info, UInt32(bitPattern: term))
              guard next >= 0 else { continue }
              guard top < capacity else { return nil }
              stack[top] = (next, position32 + 1, used)
              top += 1
            }
          }
          if let fills, !slotEdges[Int(node)].isEmpty {
            var overflow = false
            for (kind, next) in slotEdges[Int(node)] {
              fills.forEachFill(at: position, kind: kind) { fill in
                guard fill.end <= limit, !overflow else { return }
                guard top < capacity, linkCount < capacity else { overflow = true; return }
                links[linkCount] = (Int32(fill.index), used)
                stack[top] = (next, Int32(fill.end), Int32(linkCount))
                linkCount += 1
                top += 1
              }
            }
            if overflow { return nil }
          }
          let gap = info.gap
          if gap >= 0 {
            for skip in 0...Pattern.maximumGap where position + skip < limit {
              guard top < capacity else { return nil }
              stack[top] = (gap, Int32(position + skip), used)
              top += 1
            }
          }
        }
        guard bestPayload >= 0 else { return .some(nil) }
        var used: [Int] = []
        var link = bestUsed
        while link >= 0 {
          used.append(Int(links[Int(link)].fill))
          link = links[Int(link)].previous
        }
        used.reverse()
        return .some(Match(payload: bestPayload, tokens: start..<bestEnd, fills: used))
      }
    }
  }

  /// Most tokens start no pattern: the token's start mask says so without allocating (a pattern
  /// led by a slot may start wherever a registry mention does). Of those that do, most start only
  /// patterns their next token does not go on with (`TokenTerms.mayWalk`).
  @inline(__always)
  private func mayStart(at position: Int, limit: Int, terms: TokenTerms, fills: SlotFills?) -> Bool {
    terms.mayWalk(from: position, limit: limit, index: startBit) || (rootHasSlots && fills?.hasFill(at: position) == true)
  }

  /// Whether a pattern may start anywhere in a token range whose tokens' start masks (or walk masks,
  /// `TokenTerms.walkMask`) OR to `startMask` (`mayStart` for a whole sentence at once: most indexes
  /// have nothing to look for in most sentences).
  func mayMatch(startMask: UInt32, fills: SlotFills?) -> Bool {
    startMask & startBit != 0 || (rootHasSlots && fills?.isEmpty == false)
  }

  /// The matches of `matches(in:terms:fills:)`, looked for only at `candidates` (ascending): a range's
  /// tokens that may start a pattern of any index (a start mask, or a registry mention starting
  /// there). Most tokens start none, and every index then passes them by without a look.
  func forEachMatch(candidates: UnsafeBufferPointer<Int32>, limit: Int, terms: TokenTerms, fills: SlotFills?,
                    _ body: (Match) -> Void) {
    var next = 0
    for candidate in candidates {
      let position = Int(candidate)
      guard position >= next, position < limit, mayStart(at: position, limit: limit, terms: terms, fills: fills),
            let match = walk(at: position, limit: limit, terms: terms, fills: fills) else { continue }
      body(match)
      next = match.tokens.upperBound
    }
  }

  /// Non-overlapping matches in a token range, left to right, longest first at each position.
  func matches(in range: Range<Int>, terms: TokenTerms, fills: SlotFills? = nil) -> [Match] {
    var result: [Match] = []
    let positions = range.map { Int32($0) }
    positions.withUnsafeBufferPointer { positions in
      forEachMatch(candidates: positions, limit: range.upperBound, terms: terms, fills: fills) { result.append($0) }
    }
    return result
  }
}

/// The terms of every token of a document in one language's vocabulary: the document's form numbers
/// and the per-form table of its `TermCache` (shared, not copied).
struct TokenTerms {
  private let flat: [Int32]
  /// Per token: where its form's terms are in `flat`, and its start mask (read at every token by
  /// every index; in the order of the tokens, rather than through the form table, which misses the
  /// cache).
  private let tokenEntries: [TermCache.Entry]

  init(forms: [Int32], keys: KeyStore, cache: TermCache) {
    tokenEntries = cache.prepare(forms, keys: keys)
    flat = cache.flat
  }

  subscript(token: Int) -> ArraySlice<Int32> {
    let entry = tokenEntries[token]
    return flat[Int(entry.start)..<Int(entry.end)]
  }

  /// The phrase indexes (their `startBit`s) with a pattern that can start at this token.
  func startMask(_ token: Int) -> UInt32 { tokenEntries[token].mask }

  /// Whether a walk of the index with this start bit from `token` may find something within `limit`:
  /// the token starts one of its patterns, and either the node a term leads to settles something
  /// itself, or the next token has a term among the labels leaving such nodes (of any index).
  @inline(__always)
  func mayWalk(from token: Int, limit: Int, index startBit: UInt32) -> Bool { walkMask(from: token, limit: limit) & startBit != 0 }

  /// The indexes (their start bits) whose walk from `token` may find something within `limit` (see
  /// `mayWalk`).
  @inline(__always)
  func walkMask(from token: Int, limit: Int) -> UInt32 {
    let entry = tokenEntries[token]
    guard entry.mask != 0 else { return 0 }
    let goesOn = token + 1 < limit && entry.follow & tokenEntries[token + 1].labels != 0
    return goesOn ? entry.mask : entry.mask & entry.settled
  }
}

/// Per-worker memo of `Vocabulary.appendTerms(folded:loose:to:)` by form number, so each distinct form is looked up
/// once; terms are kept in one flat array.
final class TermCache {
  /// A form's terms (`flat[start..<end]`) and start mask, together: a token's lookups read one place
  /// (the table outgrows the nearer caches on a large corpus).
  struct Entry {
    var start: Int32
    var end: Int32
    var mask: UInt32
    /// The form's terms as labels (`PhraseIndex.followBit`), ORed.
    var labels: UInt32
    /// Its terms' `Vocabulary.followers`, ORed.
    var follow: UInt32
    var settled: UInt32
    /// Not looked up yet.
    static let unprepared = Entry(start: -1, end: -1, mask: 0, labels: 0, follow: 0, settled: 0)
  }

  let vocabulary: Vocabulary
  private var unpreparedTokens: [Int] = []
  private(set) var flat: [Int32] = []
  /// By form number.
  private(set) var entries: [Entry] = []

  init(vocabulary: Vocabulary) {
    self.vocabulary = vocabulary
    // Room for the forms a key folder's table first holds (`KeyFolder.initialSlots`), as there.
    entries.reserveCapacity(1 << 14)
    flat.reserveCapacity(1 << 15)
  }

  /// Looks up every form of a text not looked up yet, and returns each token's entry (its terms and
  /// start mask). The table is read once per token, through one buffer: a known form's entry is taken
  /// there and then, and the tokens of new forms are noted, looked up afterwards (only they need their
  /// keys, read in place in the key store; the walks of the one a few places ahead are prefetched)
  /// and given their entries last.
  func prepare(_ forms: [Int32], keys: KeyStore) -> [Entry] {
    guard let last = forms.max() else { return [] }
    if entries.count <= Int(last) {
      entries.append(contentsOf: repeatElement(.unprepared, count: max(Int(last) + 1, entries.count * 2) - entries.count))
    }
    var tokenEntries = [Entry](copies: .unprepared, count: forms.count)
    // The tokens of new forms, in a list kept from text to text with its room.
    var unprepared: [Int] = []
    swap(&unprepared, &unpreparedTokens)
    unprepared.removeAll(keepingCapacity: true)
    defer { swap(&unprepared, &unpreparedTokens) }
    tokenEntries.withUnsafeMutableBufferPointer { tokenEntries in
      forms.withUnsafeBufferPointer { forms in
        entries.withUnsafeBufferPointer { known in
          // The table outgrows the nearer caches on a large corpus: the entry of a token a few
          // places ahead is loaded while this one is read.
          let distance = 8
          for index in forms.indices {
            if index + distance < forms.count { cmemory_prefetch(known.baseAddress! + Int(forms[index + distance])) }
            let entry = known[Int(forms[index])]
            if entry.start < 0 { unprepared.append(index) } else { tokenEntries[index] = entry }
          }
        }
      }
    }
    guard !unprepared.isEmpty else { return tokenEntries }
    let distance = 4
    for (position, index) in unprepared.enumerated() {
      if position + distance < unprepared.count {
        let ahead = forms[unprepared[position + distance]]
        vocabulary.prefetch(folded: keys.folded(ahead), loose: keys.loose(ahead))
      }
      prepare(form: forms[index], folded: keys.folded(forms[index]), loose: keys.loose(forms[index]))
    }
    entries.withUnsafeBufferPointer { known in
      for index in unprepared { tokenEntries[index] = known[Int(forms[index])] }
    }
    return tokenEntries
  }

  /// Looks up one new form (its entry is in the table already, unprepared, or prepared when the form
  /// came twice in one text).
  private func prepare(form: Int32, folded: UnsafeBufferPointer<UInt32>, loose: UnsafeBufferPointer<UInt32>) {
    let index = Int(form)
    if entries[index].start >= 0 { return }
    let start = flat.count
    vocabulary.appendTerms(folded: folded, loose: loose, to: &flat)
    var entry = Entry(start: Int32(start), end: Int32(flat.count), mask: 0, labels: 0, follow: 0, settled: 0)
    let startMasks = vocabulary.startMasks, followers = vocabulary.followers
    for position in start..<flat.count {
      let term = Int(flat[position])
      entry.mask |= startMasks[term]
      entry.labels |= PhraseIndex.followBit(UInt32(bitPattern: flat[position]))
      entry.follow |= followers[term].labels
      entry.settled |= followers[term].settled
    }
    entries[index] = entry
  }
}

/// Registry mentions available to fill slots, by the token where they start: a sentence has a few,
/// kept sorted by start, so a short scan answers where a dictionary would hash.
struct SlotFills {
  struct Fill {
    let index: Int
    let end: Int
    let isPerson: Bool
  }

  private let starts: [Int]
  private let fills: [Fill]

  /// Fills by their start tokens, in the order they were found; kept sorted by start (stably). A
  /// sentence's mentions are found left to right, so the lists mostly come sorted.
  init(starts: [Int], fills: [Fill]) {
    if starts.isAscending {
      self.starts = starts
      self.fills = fills
    } else {
      let order = starts.indices.sorted { (starts[$0], $0) < (starts[$1], $1) }
      self.starts = order.map { starts[$0] }
      self.fills = order.map { fills[$0] }
    }
  }

  var isEmpty: Bool { starts.isEmpty }

  func hasFill(at token: Int) -> Bool { starts.contains(token) }

  /// The tokens where fills start, ascending (with repeats).
  var startTokens: [Int] { starts }

  /// Calls `body` with each fill starting at `token` that a slot of `kind` takes, in order.
  @inline(__always)
  func forEachFill(at token: Int, kind: SlotKind, _ body: (Fill) -> Void) {
    guard var position = starts.firstIndex(of: token) else { return }
    // The fills starting here are one run of the sorted list.
    while position < starts.count && starts[position] == token {
      if kind != .person || fills[position].isPerson { body(fills[position]) }
      position += 1
    }
  }
}
