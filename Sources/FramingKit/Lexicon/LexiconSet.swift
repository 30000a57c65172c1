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
  private let filesByKey: [String: Int]
  let compiled: [Language: CompiledLanguage]

  /// Loads the built-in lexicons (unless `includeDefaults` is false) and then the given directories.
  public static func load(directories extra: [URL] = [], includeDefaults: Bool = true) throws(LexiconError) -> LexiconSet {
    var inputs: [(root: String, relative: String, data: Data)] = []
    if includeDefaults {
      for file in EmbeddedLexicons.files { inputs.append(("lexicons", file.path, Data(file.contents.utf8))) }
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
        inputs.append((url.relativePath, relative, data))
      }
    }
    return try LexiconSet(inputs: inputs)
  }

  private init(inputs: [(root: String, relative: String, data: Data)]) throws(LexiconError) {
    let folder = KeyFolder()
    var loader = LexiconLoader(folder: folder)
    var files: [String: LexiconFile] = [:]
    var entities: [SourceEntity] = []
    var roots: [String] = []
    var settings = ProfileSettings()
    var settingProblems: [LexiconProblem] = []
    for (root, relative, data) in inputs {
      if roots.last != root { roots.append(root) }
      let display = root + "/" + relative
      guard let contents = String(data: data, encoding: .utf8) else {
        throw LexiconError(file: display, "not UTF-8 text; save the lexicon as UTF-8")
      }
      let parts = relative.split(separator: "/").map(String.init)
      if parts == ["sources.yaml"] {
        for entity in loader.loadSources(path: display, contents: contents) {
          if let existing = entities.firstIndex(where: { $0.id == entity.id }) {
            entities[existing] = entity
          } else {
            entities.append(entity)
          }
        }
      } else if parts.count == 2, let language = Language(rawValue: parts[0]), language != .und,
                parts[1].hasSuffix(".yaml"), LexiconKind(rawValue: String(parts[1].dropLast(5))) != nil {
        let kind = String(parts[1].dropLast(5))
        guard let file = loader.loadFile(path: display, contents: contents, expectedKind: kind, expectedLanguage: language)
        else { continue }
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
      } else if parts == ["profile.yaml"] {
        settings.merge(path: display, contents: contents, problems: &settingProblems)
      } else {
        throw LexiconError(file: display,
          "not a lexicon file; expected sources.yaml or <language>/<kind>.yaml with language one of \(Language.analyzed.map(\.rawValue).joined(separator: ", ")) and kind one of \(LexiconKind.allCases.filter { $0 != .sources }.map(\.rawValue).joined(separator: ", "))")
      }
    }
    let sortedFiles = files.keys.sorted().compactMap { files[$0] }
    loader.crossCheck(files: sortedFiles, entities: entities)
    if !loader.problems.isEmpty || !settingProblems.isEmpty { throw LexiconError(problems: loader.problems + settingProblems) }
    self.settings = settings

    var hasher = SHA256()
    for (_, path, data) in inputs.sorted(by: { $0.relative < $1.relative }) {
      hasher.update(Array(path.utf8))
      hasher.update([0])
      hasher.update(data)
      hasher.update([0])
    }
    self.hash = hasher.finalize()
    self.files = sortedFiles
    self.entities = entities
    self.directories = roots
    var entityIndex: [String: Int] = [:]
    for (index, entity) in entities.enumerated() { entityIndex[entity.id] = index }
    self.entityIndex = entityIndex
    var byKey: [String: Int] = [:]
    for (index, file) in sortedFiles.enumerated() { byKey["\(file.language?.rawValue ?? "")/\(file.kind.rawValue)"] = index }
    self.filesByKey = byKey
    var compiled: [Language: CompiledLanguage] = [:]
    for language in Language.analyzed {
      compiled[language] = CompiledLanguage(language: language, files: sortedFiles.filter { $0.language == language },
                                            entities: entities, folder: folder)
    }
    self.compiled = compiled
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
    guard let index = filesByKey["\(language.rawValue)/\(kind.rawValue)"] else { return [] }
    return files[index].entries
  }

  public func file(_ kind: LexiconKind, _ language: Language) -> LexiconFile? {
    filesByKey["\(language.rawValue)/\(kind.rawValue)"].map { files[$0] }
  }

  public func entity(_ id: String) -> SourceEntity? { entityIndex[id].map { entities[$0] } }
  func entityPosition(_ id: String) -> Int? { entityIndex[id] }
}

/// One language's lexicons compiled for matching.
final class CompiledLanguage: @unchecked Sendable {
  let language: Language
  let vocabulary = Vocabulary()
  private(set) var indexes: [LexiconKind: PhraseIndex] = [:]
  /// The registry's names in this language; payload i is `sourceNames[i]`.
  let sourceIndex: PhraseIndex
  private(set) var sourceNames: [(entity: Int, isDescription: Bool, pattern: Pattern)] = []
  let functionWords: Set<String>
  /// Abbreviations as folded strings, each with whether it is `ambiguous` (may end a sentence).
  let abbreviations: [String: Bool]
  /// The same keyed by UTF-16 units, for the sentence splitter, which looks up candidates at every
  /// full stop without building strings; and the longest one, beyond which it need not look.
  let abbreviationUnits: [[UInt16]: Bool]
  let longestAbbreviation: Int

  init(language: Language, files: [LexiconFile], entities: [SourceEntity], folder: KeyFolder) {
    self.language = language
    for file in files where file.kind == .shapes {
      for entry in file.entries { if let shape = entry.shape { vocabulary.define(shape: entry.id, shape) } }
    }
    sourceIndex = PhraseIndex(vocabulary: vocabulary, matchesLoosely: true)
    for (entityIndex, entity) in entities.enumerated() {
      for pattern in entity.aliases[language] ?? [] { sourceNames.append((entityIndex, false, pattern)) }
      for pattern in entity.descriptions[language] ?? [] { sourceNames.append((entityIndex, true, pattern)) }
    }
    for (payload, name) in sourceNames.enumerated() { sourceIndex.insert(name.pattern, payload: payload) }
    var words: Set<String> = []
    var abbreviations: [(String, Bool)] = []
    for file in files {
      switch file.kind {
      case .functionWords:
        for entry in file.entries { for pattern in entry.patterns { words.insert(pattern.text.lowercased()) } }
      case .abbreviations:
        for entry in file.entries {
          for pattern in entry.patterns { abbreviations.append((folder.key(pattern.text).folded, entry.category == "ambiguous")) }
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
    functionWords = Set(words.map { folder.key($0).folded })
    self.abbreviations = Dictionary(abbreviations, uniquingKeysWith: { first, _ in first })
    abbreviationUnits = Dictionary(self.abbreviations.map { (Array($0.key.utf16), $0.value) }, uniquingKeysWith: { first, _ in first })
    longestAbbreviation = abbreviationUnits.keys.map(\.count).max() ?? 0
  }
}
