import Foundation
import FramingTestSupport
import Testing

@Suite(.serialized) struct AnalyzeCommandTests {
  static let seeds = ["000_bb3b193bc24b719b", "004_266daebb3b7432db"]

  @Test(arguments: seeds)
  func seedOutputMatchesItsGoldenFile(seed: String) throws {
    let result = try FramingProcess.run(["analyze", "--pretty", "--metadata", "seeds/metadata.jsonl", "seeds/\(seed).txt"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr == "")
    if let mismatch = Golden.mismatch(result.stdout, golden: "Tests/Golden/analyze/\(seed).json") {
      Issue.record(Comment(rawValue: mismatch))
    }
  }

  @Test(arguments: seeds)
  func everySpanQuotesTheArticleExactly(seed: String) throws {
    let result = try FramingProcess.run(["analyze", "seeds/\(seed).txt"])
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("framing-\(seed)-\(UUID().uuidString).json")
    try result.stdout.write(to: output, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: output) }
    let check = Process()
    check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    check.arguments = ["python3", TestPaths.repo("Tests/Scripts/check_spans.py").path, TestPaths.repo("seeds/\(seed).txt").path, output.path]
    let pipe = Pipe()
    check.standardOutput = pipe
    try check.run()
    let printed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    check.waitUntilExit()
    #expect(check.terminationStatus == 0, "\(printed)")
    #expect(printed.hasSuffix("spans ok\n"))
  }

  @Test func profilesValidateAgainstThePrintedSchema() throws {
    let schema = try FramingProcess.run(["schema"])
    #expect(schema.status == 0)
    let schemaFile = FileManager.default.temporaryDirectory.appendingPathComponent("framing-schema-\(UUID().uuidString).json")
    try schema.stdout.write(to: schemaFile, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: schemaFile) }
    let inputs = Self.seeds.map { "seeds/\($0).txt" } + ["Tests/Fixtures/input/ru-koi8-r.txt", "Tests/Fixtures/input/invalid-utf8.txt"]
    let profiles = try FramingProcess.run(["analyze", "--include-text", "--metadata", "seeds/metadata.jsonl"] + inputs)
    let check = Process()
    check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    check.arguments = ["python3", TestPaths.repo("Tests/Scripts/validate_profiles.py").path, schemaFile.path]
    let input = Pipe(), output = Pipe()
    check.standardInput = input
    check.standardOutput = output
    try check.run()
    input.fileHandleForWriting.write(Data(profiles.stdout.utf8))
    try input.fileHandleForWriting.close()
    let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    check.waitUntilExit()
    #expect(printed == "4 profiles valid\n")
  }

  @Test func outputIsByteIdenticalAcrossRuns() throws {
    let first = try FramingProcess.run(["analyze", "seeds/000_bb3b193bc24b719b.txt", "seeds/004_266daebb3b7432db.txt"])
    let second = try FramingProcess.run(["analyze", "seeds/000_bb3b193bc24b719b.txt", "seeds/004_266daebb3b7432db.txt"])
    #expect(first.stdout == second.stdout)
    #expect(first.stdout.split(separator: "\n").count == 2)
  }

  @Test func standardInputIsReadWithDash() throws {
    let text = "Kreml potwierdził, że rozmowa się odbyła. Prezydenci rozmawiali przez telefon."
    let result = try FramingProcess.run(["analyze", "-"], stdin: Data(text.utf8))
    #expect(result.status == 0)
    let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    #expect((json?["article"] as? [String: Any])?["id"] as? String == "stdin")
    #expect((json?["sentences"] as? [Any])?.count == 2)
  }

  @Test func badInputsAreReportedAndTheOthersStillProcessed() throws {
    let result = try FramingProcess.run(["analyze", "Tests/Fixtures/input/empty.txt", "seeds/004_266daebb3b7432db.txt",
                                         "Tests/Fixtures/input/binary.bin", "no/such/file.txt"])
    #expect(result.status == 1)
    #expect(result.stdout.split(separator: "\n").count == 1)
    #expect(result.stderr == """
      error: Tests/Fixtures/input/empty.txt: no text (the input is empty or only whitespace); nothing to analyze
      error: Tests/Fixtures/input/binary.bin: binary data (NUL bytes or control characters), not text; pass a plain-text, HTML or JSONL file
      error: no/such/file.txt: cannot be read (no such file)

      """)
  }

  @Test func invalidBytesGiveAWarningButStillAnAnalysis() throws {
    let result = try FramingProcess.run(["analyze", "Tests/Fixtures/input/invalid-utf8.txt"])
    #expect(result.status == 0)
    #expect(result.stderr == "warning: Tests/Fixtures/input/invalid-utf8.txt: 3 invalid byte sequences in UTF-8 replaced with U+FFFD\n")
  }

  @Test func usageErrorsExitWith64() throws {
    let result = try FramingProcess.run(["analyze"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("no input; pass one or more article files, or '-' for standard input"))
    let language = try FramingProcess.run(["analyze", "--lang", "xx", "seeds/000_bb3b193bc24b719b.txt"])
    #expect(language.status == 64)
    #expect(language.stderr.contains("'--lang xx' is not a supported language; use one of: pl, de, ru, en, uk, be"))
  }

  @Test func malformedLexiconsExitWith65BeforeAnyWork() throws {
    let result = try FramingProcess.run(["analyze", "--lexicons", "Tests/Fixtures/lexicons/bad", "seeds/000_bb3b193bc24b719b.txt"])
    #expect(result.status == 65)
    #expect(result.stdout == "")
    #expect(result.stderr.hasPrefix(
      "Tests/Fixtures/lexicons/bad/pl/hedges.yaml:11:15: entry 'rzekomo' has category 'hearsay'; use one of: reportative, epistemic, approximator, distancing, shield, booster\n"))
  }

  @Test func lexiconExplainShowsWhyAFormMatches() throws {
    let result = try FramingProcess.run(["lexicon", "explain", "Łukaszence", "--lang", "pl"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("'Łukaszence': folded key 'łukaszence', Latin key 'łukaszence', loose key 'lukaszence'\n"))
    #expect(result.stdout.contains("lukashenko"))
  }

  @Test func lexiconCheckReportsCounts() throws {
    let result = try FramingProcess.run(["lexicon", "check"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("ok: "))
  }
}
