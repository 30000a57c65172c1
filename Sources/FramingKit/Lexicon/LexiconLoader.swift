import Foundation
import Yams

/// Reads lexicon YAML into validated `LexiconFile`s and `SourceEntity`s. It walks `LexiconNode`s
/// rather than decoding, so that every problem carries the line and column of the offending value;
/// it collects all problems of all files before failing.
struct LexiconLoader {
  private static let headerKeys = ["kind", "language", "version", "authors", "sources", "entries"]
  private static let entryKeys = ["id", "category", "forms", "polarity", "weight", "note", "examples"]
  private static let entityKeys = ["id", "name", "kind", "country", "state_affiliated", "person", "note", "aliases",
                                   "descriptions", "principal"]

  let folder: KeyFolder
  private(set) var problems: [LexiconProblem] = []

  init(folder: KeyFolder) { self.folder = folder }

  private mutating func problem(_ file: String, _ node: LexiconNode?, _ message: String) {
    problems.append(LexiconProblem(file: file, line: node?.line ?? 1, column: node?.column ?? 1, message: message))
  }

  /// Parses the YAML text of one file; nil when it is too broken to read any entry.
  private mutating func root(_ file: String, _ contents: String) -> LexiconMapping? {
    do {
      guard let node = try LexiconNode.parse(contents) else {
        problem(file, nil, "the file is empty; it needs a header (kind, language, version) and entries")
        return nil
      }
      guard let mapping = node.mapping else {
        problem(file, node, "the file must be a mapping with keys kind, language, version, authors, sources and entries")
        return nil
      }
      return mapping
    } catch let error as YamlError {
      switch error {
      case .scanner(_, let reason, let mark, _), .parser(_, let reason, let mark, _), .composer(_, let reason, let mark, _):
        problems.append(LexiconProblem(file: file, line: mark.line, column: mark.column, message: "YAML syntax: \(reason)"))
      default:
        problems.append(LexiconProblem(file: file, line: 1, column: 1, message: "YAML: \(error)"))
      }
      return nil
    } catch {
      problems.append(LexiconProblem(file: file, line: 1, column: 1, message: "YAML: \(error)"))
      return nil
    }
  }

  private mutating func checkKeys(_ file: String, _ mapping: LexiconMapping, allowed: [String], what: String) {
    for (key, _) in mapping {
      guard let name = key.string else { problem(file, key, "a key of \(what) is not a string"); continue }
      if !allowed.contains(name) {
        problem(file, key, "unknown key '\(name)' in \(what); allowed: \(allowed.joined(separator: ", "))")
      }
    }
  }

  private mutating func strings(_ file: String, _ node: LexiconNode?, what: String) -> [(String, LexiconNode)] {
    guard let node else { return [] }
    if let sequence = node.sequence {
      var result: [(String, LexiconNode)] = []
      for item in sequence {
        guard let value = item.string else { problem(file, item, "\(what) must be a list of strings"); continue }
        result.append((value, item))
      }
      return result
    }
    if let value = node.string { return [(value, node)] }
    problem(file, node, "\(what) must be a list of strings")
    return []
  }

  /// Lowercase, with ASCII text (most forms) done without Unicode tables.
  fileprivate static func lowercased(_ text: String) -> String {
    if text.utf8.allSatisfy({ $0 < 0x80 }) {
      return String(decoding: text.utf8.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
    return text.lowercased()
  }

  private static func isSlug(_ id: String) -> Bool {
    !id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
  }

  // MARK: - Kind files

  /// Loads `<language>/<kind>.yaml`.
  mutating func loadFile(path: String, contents: String, expectedKind: String, expectedLanguage: Language)
    -> LexiconFile?
  {
    guard let mapping = root(path, contents) else { return nil }
    checkKeys(path, mapping, allowed: Self.headerKeys, what: "the file header")
    guard let kindName = mapping["kind"]?.string else {
      problem(path, mapping["kind"], "missing 'kind'; it must be '\(expectedKind)' (the file name)")
      return nil
    }
    guard let kind = LexiconKind(rawValue: kindName), kind != .sources else {
      problem(path, mapping["kind"], "unknown kind '\(kindName)'; use one of: \(LexiconKind.allCases.filter { $0 != .sources }.map(\.rawValue).joined(separator: ", "))")
      return nil
    }
    if kindName != expectedKind {
      problem(path, mapping["kind"], "kind '\(kindName)' does not match the file name '\(expectedKind).yaml'")
    }
    let languageName = mapping["language"]?.string ?? ""
    if languageName != expectedLanguage.rawValue {
      problem(path, mapping["language"], "language '\(languageName)' does not match the folder '\(expectedLanguage.rawValue)'")
    }
    let version = header(path, mapping)
    let entries = loadEntries(path, mapping["entries"], kind: kind)
    return LexiconFile(path: path, kind: kind, language: expectedLanguage, version: version.version,
                       authors: version.authors, sources: version.sources, entries: entries)
  }

  private mutating func header(_ path: String, _ mapping: LexiconMapping) -> (version: Int, authors: [String], sources: [String]) {
    var version = 1
    if let node = mapping["version"] {
      if let value = node.int { version = value } else { problem(path, node, "'version' must be an integer") }
    } else {
      problem(path, nil, "missing 'version' in the file header")
    }
    let authors = strings(path, mapping["authors"], what: "'authors'").map(\.0)
    let sources = strings(path, mapping["sources"], what: "'sources'").map(\.0)
    return (version, authors, sources)
  }

  private mutating func loadEntries(_ path: String, _ node: LexiconNode?, kind: LexiconKind) -> [LexiconEntry] {
    guard let node, let sequence = node.sequence else {
      problem(path, node, "'entries' must be a list of entries")
      return []
    }
    var entries: [LexiconEntry] = []
    var firstLineOfID: [String: Int] = [:]
    // The same form in other capitals is a repeat ("Weiß"/"Weiss" are two forms: lowercase, not folded).
    var formOwner = RepeatedForms<(owner: String, line: Int)>()
    for item in sequence {
      guard let mapping = item.mapping else { problem(path, item, "an entry must be a mapping with id, category and forms"); continue }
      let idNode = mapping["id"]
      let id = idNode?.string ?? ""
      let line = item.line
      let what = id.isEmpty ? "an entry" : "entry '\(id)'"
      checkKeys(path, mapping, allowed: Self.entryKeys + kind.extraKeys, what: what)
      if id.isEmpty {
        problem(path, item, "entry without 'id'; give it a lowercase slug such as 'podobno'")
      } else if !Self.isSlug(id) {
        problem(path, idNode, "entry id '\(id)' is not a slug; use lowercase ASCII letters, digits and '-'")
      } else if let first = firstLineOfID[id] {
        problem(path, idNode, "duplicate entry id '\(id)' (first at line \(first))")
      } else {
        firstLineOfID[id] = line
      }
      let category = mapping["category"]?.string ?? ""
      if category.isEmpty {
        problem(path, item, "\(what) has no category; use one of: \(kind.categories.joined(separator: ", "))")
      } else if !kind.categories.contains(category) {
        problem(path, mapping["category"], "\(what) has category '\(category)'; use one of: \(kind.categories.joined(separator: ", "))")
      }
      var patterns: [Pattern] = []
      if kind != .shapes {
        let forms = strings(path, mapping["forms"], what: "'forms' of \(what)")
        if forms.isEmpty { problem(path, mapping["forms"] ?? item, "\(what) has no forms") }
        for (form, formNode) in forms {
          do {
            let pattern = try Pattern.parse(form, folder: folder, allowElements: kind.allowsPatternElements)
            if kind == .attribution && pattern.slots.count != 1 {
              problem(path, formNode, "form '\(form)' of \(what) needs exactly one slot ({source} or {person})")
            }
            // A letter may also be a word ("і", "and"): letters are read apart from words.
            if category != LexiconKind.letterCategory, let (owner, ownerLine) = formOwner.record(form, pattern, (id, formNode.line)) {
              problem(path, formNode, "form '\(form)' of \(what) repeats a form of entry '\(owner)' (line \(ownerLine))")
            }
            patterns.append(pattern)
          } catch {
            problem(path, formNode, "\(what): \(error.reason)")
          }
        }
      }
      var polarity: Polarity?
      if let node = mapping["polarity"] {
        polarity = node.string.flatMap(Polarity.init(rawValue:))
        if polarity == nil { problem(path, node, "\(what) has polarity '\(node.string ?? "")'; use negative, positive or neutral") }
      }
      var weight = 1.0
      if let node = mapping["weight"] {
        if let value = node.float, value > 0 { weight = value } else { problem(path, node, "\(what) has a weight that is not a positive number") }
      }
      let note = mapping["note"]?.string
      let examples = strings(path, mapping["examples"], what: "'examples' of \(what)")
      for (example, node) in examples
      where example.unicodeScalars.count(where: { $0 == "⟦" }) != 1 || example.unicodeScalars.count(where: { $0 == "⟧" }) != 1 {
        problem(path, node, "example of \(what) must mark exactly one span with ⟦…⟧")
      }
      let appliesTo = strings(path, mapping["applies_to"], what: "'applies_to' of \(what)")
      var side: NamingSide?
      if let node = mapping["side"] {
        side = node.string.flatMap(NamingSide.init(rawValue:))
        if side == nil { problem(path, node, "\(what) has side '\(node.string ?? "")'; use one of: \(NamingSide.allCases.map(\.rawValue).joined(separator: ", "))") }
      }
      let refersTo = mapping["refers_to"]?.string
      var isStandard = false
      if let node = mapping["standard"] {
        if let value = node.bool { isStandard = value } else { problem(path, node, "'standard' of \(what) must be true or false") }
      }
      switch kind {
      case .loaded:
        if polarity == nil && mapping["polarity"] == nil { problem(path, item, "\(what) needs a polarity (negative, positive or neutral)") }
        if note == nil { problem(path, item, "\(what) needs a note an editor can read") }
      case .naming:
        if refersTo == nil { problem(path, item, "\(what) needs 'refers_to' (what is named, e.g. belarus)") }
        if side == nil && mapping["side"] == nil { problem(path, item, "\(what) needs 'side' (\(NamingSide.allCases.map(\.rawValue).joined(separator: ", ")))") }
        if note == nil { problem(path, item, "\(what) needs a note an editor can read") }
      case .functionWords where category == LexiconKind.letterCategory:
        for (form, formNode) in strings(path, mapping["forms"], what: "'forms' of \(what)")
        where form.unicodeScalars.count != 1 || !form.unicodeScalars.allSatisfy(\.properties.isLowercase)
          || !form.unicodeScalars.allSatisfy({ LexiconKind.letterRange.contains($0.value) })
          || folder.key(form).foldedScalars != form.unicodeScalars.map(\.value) {
          problem(path, formNode, "form '\(form)' of \(what) must be one lowercase letter between U+00C0 and U+04FF that case folding keeps as it is")
        }
      default: break
      }
      var shape: WordShape?
      if kind == .shapes {
        let suffixes = strings(path, mapping["suffixes"], what: "'suffixes' of \(what)").map { folder.key($0.0).folded }
        if suffixes.isEmpty { problem(path, item, "\(what) needs 'suffixes'") }
        let prefixes = strings(path, mapping["prefixes"], what: "'prefixes' of \(what)").map { folder.key($0.0).folded }
        let exceptions = strings(path, mapping["exclude"], what: "'exclude' of \(what)").map { folder.key($0.0).folded }
        var minimum = 4
        if let node = mapping["min_length"] {
          if let value = node.int, value > 0 { minimum = value } else { problem(path, node, "'min_length' of \(what) must be a positive integer") }
        }
        shape = WordShape(suffixes: suffixes, prefixes: prefixes, minimumLength: minimum, exceptions: Set(exceptions))
      }
      entries.append(LexiconEntry(
        id: id, category: category, patterns: patterns, polarity: polarity, weight: weight, note: note,
        examples: examples.map(\.0), appliesTo: appliesTo.map(\.0), refersTo: refersTo, side: side, isStandard: isStandard, shape: shape,
        location: LexiconLocation(file: path, line: line)))
    }
    return entries
  }

  // MARK: - Source registry

  mutating func loadSources(path: String, contents: String) -> [SourceEntity] {
    guard let mapping = root(path, contents) else { return [] }
    checkKeys(path, mapping, allowed: ["kind", "language", "version", "authors", "sources", "entities"], what: "the file header")
    if mapping["kind"]?.string != "sources" { problem(path, mapping["kind"], "the source registry must have 'kind: sources'") }
    _ = header(path, mapping)
    guard let sequence = mapping["entities"]?.sequence else {
      problem(path, mapping["entities"], "'entities' must be a list of entities")
      return []
    }
    var entities: [SourceEntity] = []
    var firstLine: [String: Int] = [:]
    let kinds = LexiconKind.sources.categories
    for item in sequence {
      guard let entity = item.mapping else { problem(path, item, "an entity must be a mapping"); continue }
      let id = entity["id"]?.string ?? ""
      let line = item.line
      let what = id.isEmpty ? "an entity" : "entity '\(id)'"
      checkKeys(path, entity, allowed: Self.entityKeys, what: what)
      if !Self.isSlug(id) {
        problem(path, entity["id"] ?? item, "entity id '\(id)' is not a slug; use lowercase ASCII letters, digits and '-'")
      } else if let first = firstLine[id] {
        problem(path, entity["id"], "duplicate entity id '\(id)' (first at line \(first))")
      } else {
        firstLine[id] = line
      }
      let kind = entity["kind"]?.string ?? ""
      if !kinds.contains(kind) { problem(path, entity["kind"] ?? item, "\(what) has kind '\(kind)'; use one of: \(kinds.joined(separator: ", "))") }
      let name = entity["name"]?.string ?? ""
      if name.isEmpty { problem(path, item, "\(what) needs a display 'name'") }
      let country = entity["country"]?.string ?? ""
      if country.isEmpty { problem(path, item, "\(what) needs a 'country' (ISO code, INT or XX)") }
      let stateAffiliated = entity["state_affiliated"]?.bool
      if stateAffiliated == nil { problem(path, entity["state_affiliated"] ?? item, "\(what) needs 'state_affiliated: true' or 'false'") }
      let person = entity["person"]?.bool
      if person == nil { problem(path, entity["person"] ?? item, "\(what) needs 'person: true' or 'false'") }
      var principal = false
      if let node = entity["principal"] {
        if let value = node.bool { principal = value } else { problem(path, node, "'principal' of \(what) must be true or false") }
      }
      let aliases = loadAliases(path, entity["aliases"], what: what, required: true)
      let descriptions = loadAliases(path, entity["descriptions"], what: what, required: false)
      entities.append(SourceEntity(
        id: id, name: name, kind: kind, country: country, stateAffiliated: stateAffiliated ?? false,
        person: person ?? false, principal: principal, note: entity["note"]?.string, aliases: aliases, descriptions: descriptions,
        location: LexiconLocation(file: path, line: line)))
    }
    return entities
  }

  private mutating func loadAliases(_ path: String, _ node: LexiconNode?, what: String, required: Bool) -> [Language: [Pattern]] {
    guard let node else {
      if required { problem(path, nil, "\(what) has no aliases") }
      return [:]
    }
    guard let mapping = node.mapping else { problem(path, node, "aliases of \(what) must map languages to lists"); return [:] }
    var result: [Language: [Pattern]] = [:]
    for (key, value) in mapping {
      guard let language = key.string.flatMap(Language.init(rawValue:)), language != .und else {
        problem(path, key, "unknown language '\(key.string ?? "")' in \(what); use pl, de, ru, en, uk, be")
        continue
      }
      var seen = RepeatedForms<Void>()
      for (form, formNode) in strings(path, value, what: "aliases of \(what)") {
        do {
          let pattern = try Pattern.parse(form, folder: folder, allowElements: false)
          if seen.record(form, pattern, ()) != nil {
            problem(path, formNode, "alias '\(form)' of \(what) repeats in '\(language.rawValue)'")
          }
          result[language, default: []].append(pattern)
        } catch {
          problem(path, formNode, "\(what): \(error.reason)")
        }
      }
    }
    if required {
      for language in Language.analyzed where result[language]?.isEmpty ?? true {
        problem(path, node, "\(what) has no aliases for '\(language.rawValue)'; every entity needs names in pl, de, ru, en, uk and be")
      }
    }
    return result
  }

  // MARK: - Cross-file checks

  /// Shapes used by patterns must exist; `applies_to` must name registry entities.
  mutating func crossCheck(files: [LexiconFile], entities: [SourceEntity]) {
    let entityIDs = Set(entities.map(\.id))
    var shapes: [Language: Set<String>] = [:]
    for file in files where file.kind == .shapes {
      shapes[file.language ?? .und, default: []].formUnion(file.entries.map(\.id))
    }
    for file in files {
      for entry in file.entries {
        for name in Set(entry.patterns.flatMap(\.shapes)).sorted() where !(shapes[file.language ?? .und]?.contains(name) ?? false) {
          let known = shapes[file.language ?? .und].map { $0.sorted().joined(separator: ", ") } ?? "none"
          problems.append(LexiconProblem(file: file.path, line: entry.location.line, column: 1,
            message: "entry '\(entry.id)' uses shape '<\(name)>', which \(file.language?.rawValue ?? "")/shapes.yaml does not define (defined: \(known))"))
        }
        for target in entry.appliesTo where !entityIDs.contains(target) {
          problems.append(LexiconProblem(file: file.path, line: entry.location.line, column: 1,
            message: "entry '\(entry.id)' applies to '\(target)', which is not an entity of sources.yaml"))
        }
      }
    }
  }
}

/// The forms of a file (or an entity's aliases in one language) read so far, to report one repeated
/// in other capitals. Candidates are found by their folded elements, which parsing already made;
/// only those are compared lowercased, as folding also joins forms that lowercasing keeps apart
/// ("Weiß…" and "Weiss…" are two forms).
struct RepeatedForms<Value> {
  private var byIdentity: [[UInt32]: [(form: String, value: Value)]] = [:]

  /// The value recorded with an earlier spelling of this form; nil (and the form recorded) when new.
  mutating func record(_ form: String, _ pattern: Pattern, _ value: Value) -> Value? {
    var identity: [UInt32] = []
    for element in pattern.elements {
      switch element {
      case .word(let key): identity += key.foldedScalars; identity.append(0x11_0000)
      case .stem(let key): identity += key.foldedScalars; identity.append(0x11_0001)
      case .slot(let kind): identity.append(kind == .source ? 0x11_0002 : 0x11_0003)
      case .shape(let name): identity += name.unicodeScalars.map(\.value); identity.append(0x11_0004)
      case .gap: identity.append(0x11_0005)
      }
    }
    if let candidates = byIdentity[identity] {
      let lowered = LexiconLoader.lowercased(form)
      if let earlier = candidates.first(where: { LexiconLoader.lowercased($0.form) == lowered }) { return earlier.value }
    }
    byIdentity[identity, default: []].append((form, value))
    return nil
  }
}
