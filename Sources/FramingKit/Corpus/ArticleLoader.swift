/// Turns a corpus record into a `Document`: plain text is decoded and checked like a file, HTML goes
/// through the HTML extractor first, and the record's metadata and passthrough fields come along.
public struct ArticleLoader: Sendable {
  public let decoder: TextDecoder

  public init(decoder: TextDecoder) { self.decoder = decoder }

  public func document(_ record: CorpusRecord) throws(CorpusError) -> Document {
    let file = record.line == nil ? record.location : String(record.location.dropLast("\(record.line!)".count + 1))
    var metadata = record.metadata
    metadata.extra = record.extra
    let bytes: [UInt8]
    switch record.content {
    case .bytes(let data): bytes = data
    case .text(let text): bytes = Array(text.utf8)
    }
    do {
      if bytes.count > decoder.maxBytes { throw TextError.tooLarge(file: file, bytes: bytes.count, limit: decoder.maxBytes) }
      if record.isHTML {
        if bytes.contains(0) { throw TextError.binary(file: file) }
        guard let extracted = HTMLExtractor.extract(bytes, encoding: decoder.forcedEncoding) else {
          throw TextError.undecodable(file: file, reason: "not parseable as HTML")
        }
        metadata.title = metadata.title ?? extracted.metadata.title
        metadata.outlet = metadata.outlet ?? extracted.metadata.outlet
        metadata.published = metadata.published ?? extracted.metadata.published
        metadata.url = metadata.url ?? extracted.metadata.url
        metadata.byline = metadata.byline ?? extracted.metadata.byline
        let text = (metadata.title.map { $0 + "\n\n" } ?? "") + extracted.text
        return try TextDecoder(forcedEncoding: "UTF-8", maxBytes: decoder.maxBytes).decode(Array(text.utf8), name: file, id: record.id, metadata: metadata)
      }
      if case .text = record.content {
        return try TextDecoder(forcedEncoding: "UTF-8", maxBytes: decoder.maxBytes).decode(bytes, name: file, id: record.id, metadata: metadata)
      }
      return try decoder.decode(bytes, name: file, id: record.id, metadata: metadata)
    } catch {
      throw .text(error as! TextError, line: record.line)
    }
  }
}
