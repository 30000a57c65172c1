import Foundation
@testable import FramingKit
import FramingTestSupport
import Testing

/// Profiles are written by hand-ordered `JSONWriter` code for speed; the `Encodable` path is the
/// reference. Both must give the same bytes, compact and pretty, on articles that exercise every
/// member (titles, credits, quotations, cues, naming details, metadata passthrough, escapes).
@Suite struct ProfileJSONTests {
  static let texts: [(String, ArticleMetadata)] = [
    ("Kreml potwierdza: Putin pomoże Łukaszence\n\nPieskow powiedział, że \"Moskwa\" jest gotowa.\tKoniec.\n\nFot. PAP/EPA",
     ArticleMetadata(title: "Tytuł \"w cudzysłowie\"", outlet: "PAP", url: "https://example.org/a\\b", extra: ["Zeile": "x\u{1}y", "b": "2"])),
    ("Лукашенко заявил, что «Минск» не допустит провокаций, сообщает БелТА.\nПо данным Кремля, переговоры якобы прошли успешно.",
     ArticleMetadata()),
  ]

  @Test func directWriterMatchesEncodable() throws {
    var profiles: [Profile] = try ["000_bb3b193bc24b719b.txt", "004_266daebb3b7432db.txt"].map(seedProfile)
    for (text, metadata) in Self.texts {
      let pipeline = Pipeline(lexicons: defaultLexicons)
      pipeline.includeText = true
      profiles.append(pipeline.profile(Document(id: "t", text: text, metadata: metadata)))
    }
    for profile in profiles {
      for pretty in [false, true] {
        let reference = try FastJSONEncoder().encode(profile, pretty: pretty)
        #expect(JSONOutput.encode(profile, pretty: pretty) == reference)
      }
    }
  }

  /// Scores and indices spell their formula and id once for every profile; a profile read back from
  /// JSON has no such spellings and must write the same bytes all the same.
  @Test func profileReadBackWritesTheSameBytes() throws {
    let pipeline = Pipeline(lexicons: defaultLexicons)
    let built = pipeline.profile(Document(id: "t", text: Self.texts[1].0))
    let json = JSONOutput.encode(built, pretty: false)
    let readBack = try ProfileReader.decoder().decode(Profile.self, from: Data(json.utf8))
    #expect(JSONOutput.encode(readBack, pretty: false) == json)
    #expect(built.scores.contains { $0.name.isSpelled } && readBack.scores.allSatisfy { !$0.name.isSpelled })
    #expect(built.scores.count == readBack.scores.count && built.indices.count == readBack.indices.count)
  }
}
