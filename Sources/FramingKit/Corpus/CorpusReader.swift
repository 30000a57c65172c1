import Foundation

/// One article as a corpus gives it, before decoding.
public struct CorpusRecord: Sendable {
  public enum Content: Sendable {
    case bytes([UInt8])
    case text(String)
  }

  public let id: String
  /// "file" or "file:line".
  public let location: String
  public let line: Int?
  public let content: Content
  public let isHTML: Bool
  public var metadata: ArticleMetadata
  /// Fields of JSONL or CSV records that framing does not read; they pass through to the outputs.
  public var extra: [String: String]
}

/// Column names of a CSV corpus.
public struct CSVColumns: Sendable {
  public var id = "id"
  public var text = "text"
  public var html = "html"
  public var title = "title"
  public var outlet = "outlet"
  public var published = "published"
  public var url = "url"
  public var language = "language"

  public init() {}
}

/// Streams records from inputs: directories (recursively, in sorted order: .txt, .md, .html, .htm,
/// .json, .jsonl, .csv), files of those kinds, and "-" for JSONL on standard input. Bad records come
/// out as errors in their place; reading goes on.
public final class CorpusReader: Sequence, IteratorProtocol {
  public typealias Element = Result<CorpusRecord, CorpusError>

  private var pending: [String]
  private let columns: CSVColumns
  private var lines: (stream: ByteStream, path: String, number: Int)?
  private var csv: (stream: CSVStream, path: String, header: [String])?
  /// Bytes read so far and the total size of the files listed, for progress.
  public private(set) var bytesDone = 0
  public let bytesTotal: Int

  static let articleExtensions: Set<String> = ["txt", "md", "html", "htm", "json", "jsonl", "csv"]

  /// `excluding`: files found in folders that are not articles (a metadata file kept beside them).
  public init(inputs: [String], columns: CSVColumns = CSVColumns(), excluding: Set<String> = []) {
    let excluded = Set(excluding.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
    var files: [String] = []
    for input in inputs {
      var isDirectory: ObjCBool = false
      if input != "-", FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue {
        var found: [String] = []
        if let enumerator = FileManager.default.enumerator(atPath: input) {
          while let path = enumerator.nextObject() as? String {
            let name = (path as NSString).lastPathComponent
            let full = (input as NSString).appendingPathComponent(path)
            if !name.hasPrefix("."), Self.articleExtensions.contains((path as NSString).pathExtension.lowercased()),
               !excluded.contains(URL(fileURLWithPath: full).standardizedFileURL.path) {
              found.append(full)
            }
          }
        }
        files += found.sorted()
      } else {
        files.append(input)
      }
    }
    pending = files.reversed()
    self.columns = columns
    bytesTotal = files.reduce(0) { total, path in
      total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
    }
  }

  public func next() -> Element? {
    while true {
      if let current = lines {
        guard let line = current.stream.nextLine() else {
          bytesDone += current.stream.bytesRead
          lines = nil
          continue
        }
        lines!.number += 1
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
        return record(json: line, path: current.path, line: lines!.number)
      }
      if let current = csv {
        guard let row = current.stream.next() else {
          csv = nil
          continue
        }
        let number = current.stream.recordLine
        switch row {
        case .malformed(let reason): return .failure(.malformedCSV(file: current.path, row: number, reason: reason))
        case .fields(let fields):
          if fields == [""] { continue }
          return record(csv: fields, header: current.header, path: current.path, line: number)
        }
      }
      guard let path = pending.popLast() else { return nil }
      let kind = path == "-" ? "jsonl" : (path as NSString).pathExtension.lowercased()
      switch kind {
      case "jsonl":
        guard let stream = ByteStream(path: path) else { return .failure(.text(.unreadable(file: path, reason: "no such file"), line: nil)) }
        lines = (stream, path == "-" ? "<stdin>" : path, 0)
      case "csv":
        guard let stream = ByteStream(path: path) else { return .failure(.text(.unreadable(file: path, reason: "no such file"), line: nil)) }
        let reader = CSVStream(stream)
        guard case .fields(let header)? = reader.next() else {
          return .failure(.malformedCSV(file: path, row: 1, reason: "no header row"))
        }
        csv = (reader, path, header.map { $0.trimmingCharacters(in: .whitespaces) })
      case "json":
        guard let data = FileManager.default.contents(atPath: path) else {
          return .failure(.text(.unreadable(file: path, reason: "no such file"), line: nil))
        }
        bytesDone += data.count
        return record(json: Array(data), path: path, line: nil)
      case "txt", "md", "html", "htm", "":
        guard let data = FileManager.default.contents(atPath: path) else {
          var isDirectory: ObjCBool = false
          let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
          return .failure(.text(.unreadable(file: path, reason: exists ? "permission denied" : "no such file"), line: nil))
        }
        bytesDone += data.count
        let id = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return .success(CorpusRecord(id: id, location: path, line: nil, content: .bytes(Array(data)), isHTML: kind == "html" || kind == "htm",
                                     metadata: ArticleMetadata(), extra: [:]))
      default:
        return .failure(.unsupportedFile(file: path))
      }
    }
  }

  private static let knownFields: Set<String> = ["id", "text", "html", "title", "outlet", "published", "url", "language"]

  private func record(json bytes: [UInt8], path: String, line: Int?) -> Element {
    let object: Any
    do { object = try JSONSerialization.jsonObject(with: Data(bytes)) } catch {
      let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "unreadable JSON"
      return .failure(.malformedJSONL(file: path, line: line ?? 1, reason: reason))
    }
    guard let fields = object as? [String: Any] else {
      return .failure(.malformedJSONL(file: path, line: line ?? 1, reason: "a line must hold one JSON object"))
    }
    let text = fields["text"] as? String
    let html = fields["html"] as? String
    guard let body = text ?? html else { return .failure(.missingText(file: path, line: line ?? 1, field: "text")) }
    let id = (fields["id"] as? String) ?? (fields["id"] as? NSNumber)?.stringValue
      ?? ((path as NSString).lastPathComponent as NSString).deletingPathExtension + (line.map { "-\($0)" } ?? "")
    var extra: [String: String] = [:]
    for (key, value) in fields where !Self.knownFields.contains(key) {
      if let string = value as? String { extra[key] = string }
      else if let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) {
        extra[key] = String(decoding: data, as: UTF8.self)
      }
    }
    let metadata = ArticleMetadata(title: fields["title"] as? String, outlet: fields["outlet"] as? String,
                                   published: fields["published"] as? String, url: fields["url"] as? String,
                                   language: fields["language"] as? String)
    return .success(CorpusRecord(id: id, location: line.map { "\(path):\($0)" } ?? path, line: line, content: .text(body),
                                 isHTML: text == nil, metadata: metadata, extra: extra))
  }

  private func record(csv fields: [String], header: [String], path: String, line: Int) -> Element {
    guard fields.count == header.count else {
      return .failure(.malformedCSV(file: path, row: line, reason: "\(fields.count) fields where the header has \(header.count)"))
    }
    var values: [String: String] = [:]
    for (name, value) in zip(header, fields) { values[name] = value }
    let text = values[columns.text].flatMap { $0.isEmpty ? nil : $0 }
    let html = values[columns.html].flatMap { $0.isEmpty ? nil : $0 }
    guard let body = text ?? html else { return .failure(.missingText(file: path, line: line, field: columns.text)) }
    let known: Set<String> = [columns.id, columns.text, columns.html, columns.title, columns.outlet, columns.published, columns.url, columns.language]
    var extra: [String: String] = [:]
    for (name, value) in values where !known.contains(name) { extra[name] = value }
    let nonEmpty = { (column: String) in values[column].flatMap { $0.isEmpty ? nil : $0 } }
    let metadata = ArticleMetadata(title: nonEmpty(columns.title), outlet: nonEmpty(columns.outlet), published: nonEmpty(columns.published),
                                   url: nonEmpty(columns.url), language: nonEmpty(columns.language))
    let id = nonEmpty(columns.id) ?? ((path as NSString).lastPathComponent as NSString).deletingPathExtension + "-\(line)"
    return .success(CorpusRecord(id: id, location: "\(path):\(line)", line: line, content: .text(body), isHTML: text == nil,
                                 metadata: metadata, extra: extra))
  }
}
