import Foundation

/// All lexicons of a run, validated and compiled: the default lexicons shipped with framing, plus any
/// `--lexicons DIR` on top (a file there adds entries, and entries with the same id replace the
/// default ones). Immutable once built, so one instance serves every worker.
public final class LexiconSet: @unchecked Sendable {
  public let files: [LexiconFile]
  public let entities: [SourceEntity]
  /// Parameters of composite indices and flags (`profile.yaml`).
  public let settings: ProfileSettings
  /// SHA-256 over the sorted relative paths and contents of every file read.
  public let hash: String
  /// The directories read, defaults first.
  public let directories: [String]

  private let entityIndex: [String: Int]
  /// Per registry position: whether the entity is a person, and whether an outlet (rules ask per mention).
  private let entityIsPerson: [Bool]
  private let entityIsOutlet: [Bool]
  /// The weight of every entry whose weight is not 1, by reference ("pl/loaded#kpina"): the
  /// loadedness index scales each loaded term by its entry's weight.
  private let entryWeights: [String: Double]
  /// Each entity's reference ("sources#kremlin"), by position, spelled once for all its findings.
  let entityReferences: [String]
  /// File position by language and kind; the who-speaks stage and the analyzers ask per hit, so
  /// the key is two small enums rather than a "pl/hedges" string built each time.
  private let filesByKey: [FileKey: Int]

  private struct FileKey: Hashable {
    let language: Language?
    let kind: LexiconKind
  }
  /// Each language's lexicons compiled for matching, built the first time a text in that language
  /// is read: a run over one language compiles one (compiling is a tenth of start-up per language).
  private let compiledLanguages = CompiledCache()
  /// Function words by language, folded: language identification needs every language's.
  let functionWords: [Language: Set<String>]
  /// The marked letters of each language's alphabet (`letter` entries of function-words.yaml), as scalars.
  let letters: [Language: [Int]]

  /// Loads the built-in lexicons (unless `includeDefaults` is false) and then the given directories.
  public static func load(directories extra: [URL] = [], includeDefaults: Bool = true) throws(LexiconError) -> LexiconSet {
    var inputs: [Input] = []
    if includeDefaults {
      for file in EmbeddedLexicons.files { inputs.append(("lexicons", file.path, Data(file.contents.utf8), file.contents)) }
    }
    for url in extra {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw LexiconError(file: url.relativePath, "not a lexicon directory; pass a folder holding sources.yaml and/or <language>/<kind>.yaml files")
      }
      for relative in yamlFiles(in: url) {
        guard let data = FileManager.default.contents(atPath: url.appendingPathComponent(relative).path) else {
          throw LexiconError(file: url.relativePath + "/" + relative, "cannot be read")
        }
        inputs.append((url.relativePath, relative, data, nil))
      }
    }
    return try LexiconSet(inputs: inputs)
  }

  /// One lexicon file to read: where it comes from, its bytes, and its text when already decoded
  /// (the built-in files are embedded as text).
  private typealias Input = (root: String, relative: String, data: Data, text: String?)

  /// What one input file turned into.
  private enum Parsed {
    case sources([SourceEntity])
    case file(LexiconFile?)
    case profile(String)
    case refused(LexiconError)
  }

  /// Parses one input with a worker's loader; the problems it adds are that input's.
  private static func parse(_ input: Input, loader: inout LexiconLoader) -> Parsed {
    let display = input.root + "/" + input.relative
    guard let contents = input.text ?? String(data: input.data, encoding: .utf8) else {
      return .refused(LexiconError(file: display, "not UTF-8 text; save the lexicon as UTF-8"))
    }
    let parts = input.relative.split(separator: "/").map(String.init)
    if parts == ["sources.yaml"] { return .sources(loader.loadSources(path: display, contents: contents)) }
    if parts.count == 2, let language = Language(rawValue: parts[0]), language != .und,
       parts[1].hasSuffix(".yaml"), LexiconKind(rawValue: String(parts[1].dropLast(5))) != nil {
      let kind = String(parts[1].dropLast(5))
      return .file(loader.loadFile(path: display, contents: contents, expectedKind: kind, expectedLanguage: language))
    }
    if parts == ["profile.yaml"] { return .profile(contents) }
    return .refused(LexiconError(file: display,
      "not a lexicon file; expected sources.yaml or <language>/<kind>.yaml with language one of \(Language.analyzed.map(\.rawValue).joined(separator: ", ")) and kind one of \(LexiconKind.allCases.filter { $0 != .sources }.map(\.rawValue).joined(separator: ", "))"))
  }

  private init(inputs: [Input]) throws(LexiconError) {
    // Parsing YAML is most of start-up; files are independent, so two workers share them (each with
    // its own key folder), and the results are merged in input order as if read one by one.
    let workers = min(2, max(1, ProcessInfo.processInfo.activeProcessorCount))
    // Tasks are taken from a queue, largest first: the hash (task -1) and then the files by size, so
    // whichever worker is free takes the next and neither waits for the other at the end.
    let tasks = [-1] + inputs.indices.sorted { inputs[$0].data.count > inputs[$1].data.count }
    let queue = TaskQueue(count: tasks.count)
    let results = WorkerSlots<(parsed: Parsed, problems: [LexiconProblem])>(count: inputs.count)
    let hashSlot = WorkerSlots<String>(count: 1)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      var loader = LexiconLoader(folder: KeyFolder())
      while let next = queue.next() {
        let index = tasks[next]
        if index < 0 {
          hashSlot.set(0, Self.hash(inputs))
          continue
        }
        let before = loader.problems.count
        let parsed = Self.parse(inputs[index], loader: &loader)
        results.set(index, (parsed, Array(loader.problems[before...])))
      }
    }
    let folder = KeyFolder()
    var loader = LexiconLoader(folder: folder)
    var files: [String: LexiconFile] = [:]
    var entities: [SourceEntity] = []
    var roots: [String] = []
    var settings = ProfileSettings()
    var settingProblems: [LexiconProblem] = []
    var problems: [LexiconProblem] = []
    for (index, (root, relative, _, _)) in inputs.enumerated() {
      if roots.last != root { roots.append(root) }
      let (parsed, inputProblems) = results.get(index)
      problems += inputProblems
      switch parsed {
      case .refused(let error):
        throw error
      case .sources(let loaded):
        for entity in loaded {
          if let existing = entities.firstIndex(where: { $0.id == entity.id }) {
            entities[existing] = entity
          } else {
            entities.append(entity)
          }
        }
      case .file(let loaded):
        guard let file = loaded else { continue }
        if var existing = files[relative] {
          for entry in file.entries {
            if let index = existing.entries.firstIndex(where: { $0.id == entry.id }) {
              existing.entries[index] = entry
            } else {
              existing.entries.append(entry)
            }
          }
          files[relative] = existing
        } else {
          files[relative] = file
        }
      case .profile(let contents):
        settings.merge(path: root + "/" + relative, contents: contents, problems: &settingProblems)
      }
    }
    let sortedFiles = files.keys.sorted().compactMap { files[$0] }
    loader.crossCheck(files: sortedFiles, entities: entities)
    problems += loader.problems
    if !problems.isEmpty || !settingProblems.isEmpty { throw LexiconError(problems: problems + settingProblems) }
    self.settings = settings

    self.hash = hashSlot.get(0)
    self.files = sortedFiles
    self.entities = entities
    self.directories = roots
    var entityIndex: [String: Int] = [:]
    for (index, entity) in entities.enumerated() { entityIndex[entity.id] = index }
    self.entityIndex = entityIndex
    entityIsPerson = entities.map(\.person)
    entityIsOutlet = entities.map(\.isOutlet)
    entityReferences = entities.map { Self.entityReference($0.id) }
    var byKey: [FileKey: Int] = [:]
    for (index, file) in sortedFiles.enumerated() { byKey[FileKey(language: file.language, kind: file.kind)] = index }
    self.filesByKey = byKey
    var entryWeights: [String: Double] = [:]
    for file in sortedFiles {
      guard let language = file.language else { continue }
      for entry in file.entries where entry.weight != 1 {
        entryWeights[CompiledLanguage.entryReference(language: language, kind: file.kind, id: entry.id)] = entry.weight
      }
    }
    self.entryWeights = entryWeights
    var functionWords: [Language: Set<String>] = [:]
    var letters: [Language: [Int]] = [:]
    for language in Language.analyzed {
      var wordForms: Set<String> = [], letterScalars: Set<Int> = []
      for file in sortedFiles where file.language == language && file.kind == .functionWords {
        for entry in file.entries {
          for pattern in entry.patterns {
            let key = folder.key(pattern.text.lowercased())
            if entry.category == LexiconKind.letterCategory {
              letterScalars.formUnion(key.foldedScalars.map(Int.init))
            } else {
              wordForms.insert(key.folded)
            }
          }
        }
      }
      functionWords[language] = wordForms
      letters[language] = letterScalars.sorted()
    }
    self.functionWords = functionWords
    self.letters = letters
  }

  /// The lexicons of a language compiled for matching (nil for an undetermined language).
  func compiled(_ language: Language) -> CompiledLanguage? {
    guard Language.analyzed.contains(language) else { return nil }
    return compiledLanguages.value(language) {
      CompiledLanguage(language: language, files: files.filter { $0.language == language }, entities: entities, folder: KeyFolder())
    }
  }

  /// Compiles every language now (for a benchmark that should not time compiling).
  public func compileAll() {
    for language in Language.analyzed { _ = compiled(language) }
  }

  /// SHA-256 over the sorted relative paths and contents of the inputs.
  private static func hash(_ inputs: [Input]) -> String {
    var hasher = SHA256()
    for (_, path, data, _) in inputs.sorted(by: { $0.relative < $1.relative }) {
      hasher.update(Array(path.utf8))
      hasher.update([0])
      hasher.update(data)
      hasher.update([0])
    }
    return hasher.finalize()
  }

  /// Relative paths of the YAML files under a root, sorted.
  private static func yamlFiles(in root: URL) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
    var result: [String] = []
    while let path = enumerator.nextObject() as? String {
      if path.hasSuffix(".yaml") || path.hasSuffix(".yml") { result.append(path) }
    }
    return result.sorted()
  }

  /// Entries of one kind in one language, in file order (empty when there is no such file).
  public func entries(_ kind: LexiconKind, _ language: Language) -> [LexiconEntry] {
    guard let index = filesByKey[FileKey(language: language, kind: kind)] else { return [] }
    return files[index].entries
  }

  public func file(_ kind: LexiconKind, _ language: Language) -> LexiconFile? {
    filesByKey[FileKey(language: language, kind: kind)].map { files[$0] }
  }

  public func entity(_ id: String) -> SourceEntity? { entityIndex[id].map { entities[$0] } }

  /// The weight of the entry a finding names ("pl/loaded#kpina"); 1 when the entry sets none.
  public func weight(ofEntry reference: String) -> Double { entryWeights[reference] ?? 1 }

  /// "sources#kremlin": how findings name a registry entity (`entityReferences` holds the registry's own).
  static func entityReference(_ id: String) -> String { "sources#\(id)" }
  func entityPosition(_ id: String) -> Int? { entityIndex[id] }
  /// Whether a registry entity is a person; read in place (an entity is a large value to copy).
  func isPerson(_ id: String) -> Bool { entityIndex[id].map(isPerson(position:)) ?? false }
  /// The same by registry position (a mention's `entityPosition`), without hashing the id.
  func isPerson(position: Int) -> Bool { entityIsPerson[position] }
  /// Whether the entity at a registry position is an outlet (see `SourceEntity.isOutlet`).
  func isOutlet(position: Int) -> Bool { entityIsOutlet[position] }
}

/// One language's lexicons compiled for matching.
final class CompiledLanguage: @unchecked Sendable {
  let language: Language
  let vocabulary = Vocabulary()
  private(set) var indexes = ByKind<PhraseIndex>()
  /// The category of every entry, per kind (rules read a hit's category without copying its entry).
  private(set) var categories = ByKind<[String]>()
  /// Every entry, per kind, for reading a hit's entry in place (`AttributedArticle.withEntry`).
  private(set) var entries = ByKind<[LexiconEntry]>()
  /// The reference of every entry ("pl/hedges#podobno"), per kind: findings and speech records name
  /// their entries by it, and spelling it once here saves building a string for each of them.
  private(set) var entryReferences = ByKind<[String]>()
  /// The indexes the lexicon scan runs over every sentence, in its order (see `LexiconScan.scannedKinds`).
  private(set) var scannedIndexes: [(kind: LexiconKind, index: PhraseIndex)] = []
  /// The registry's names in this language; payload i is `sourceNames[i]`.
  let sourceIndex: PhraseIndex
  private(set) var sourceNames: [(entity: Int, isDescription: Bool, pattern: Pattern)] = []
  /// Abbreviations as folded UTF-16 units (the sentence splitter looks up candidates at every full
  /// stop without building strings), each with whether it is `ambiguous` (may end a sentence); and
  /// the longest one, beyond which the splitter need not look.
  let abbreviations: [[UInt16]: Bool]
  let longestAbbreviation: Int

  /// "pl/hedges#podobno": how findings and speech records name a lexicon entry.
  static func entryReference(language: Language, kind: LexiconKind, id: String) -> String { "\(language.rawValue)/\(kind.rawValue)#\(id)" }

  init(language: Language, files: [LexiconFile], entities: [SourceEntity], folder: KeyFolder) {
    self.language = language
    for file in files {
      categories[file.kind] = file.entries.map(\.category)
      entries[file.kind] = file.entries
      entryReferences[file.kind] = file.entries.map { Self.entryReference(language: language, kind: file.kind, id: $0.id) }
    }
    for file in files where file.kind == .shapes {
      for entry in file.entries { if let shape = entry.shape { vocabulary.define(shape: entry.id, shape) } }
    }
    sourceIndex = PhraseIndex(vocabulary: vocabulary, matchesLoosely: true)
    for (entityIndex, entity) in entities.enumerated() {
      for pattern in entity.aliases[language] ?? [] { sourceNames.append((entityIndex, false, pattern)) }
      for pattern in entity.descriptions[language] ?? [] { sourceNames.append((entityIndex, true, pattern)) }
    }
    for (payload, name) in sourceNames.enumerated() { sourceIndex.insert(name.pattern, payload: payload) }
    var abbreviations: [([UInt16], Bool)] = []
    for file in files {
      switch file.kind {
      case .functionWords:
        break
      case .abbreviations:
        for entry in file.entries {
          for pattern in entry.patterns { abbreviations.append((Array(folder.key(pattern.text).folded.utf16), entry.category == "ambiguous")) }
        }
      case .shapes:
        break
      default:
        let index = PhraseIndex(vocabulary: vocabulary, matchesLoosely: file.kind == .naming)
        for (payload, entry) in file.entries.enumerated() {
          for pattern in entry.patterns { index.insert(pattern, payload: payload) }
        }
        indexes[file.kind] = index
      }
    }
    self.abbreviations = Dictionary(abbreviations, uniquingKeysWith: { first, _ in first })
    longestAbbreviation = self.abbreviations.keys.map(\.count).max() ?? 0
    scannedIndexes = LexiconScan.scannedKinds.compactMap { kind in indexes[kind].map { (kind, $0) } }
  }
}

/// Compiled languages, made once each under a lock (batch workers ask for them concurrently).
private final class CompiledCache: @unchecked Sendable {
  private var values: [Language: CompiledLanguage] = [:]
  private let lock = NSLock()

  func value(_ language: Language, make: () -> CompiledLanguage) -> CompiledLanguage {
    lock.lock()
    defer { lock.unlock() }
    if let known = values[language] { return known }
    let made = make()
    values[language] = made
    return made
  }
}

/// Hands out task numbers 0..<count, each once, to whichever worker asks.
private final class TaskQueue: @unchecked Sendable {
  private var nextTask = 0
  private let count: Int
  private let lock = NSLock()

  init(count: Int) { self.count = count }

  func next() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard nextTask < count else { return nil }
    defer { nextTask += 1 }
    return nextTask
  }
}

/// Results written by the loading workers, each into its own slot.
private final class WorkerSlots<Value>: @unchecked Sendable {
  private var slots: [Value?]
  private let lock = NSLock()

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: Value) {
    lock.lock()
    slots[index] = value
    lock.unlock()
  }

  func get(_ index: Int) -> Value {
    lock.lock()
    defer { lock.unlock() }
    return slots[index]!
  }
}
