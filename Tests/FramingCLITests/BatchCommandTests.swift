import Foundation
import FramingTestSupport
import Testing

@Suite(.serialized) struct BatchCommandTests {
  func read(_ folder: URL, _ name: String) throws -> String { try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) }

  func profiles(_ folder: URL) throws -> [[String: Any]] {
    try read(folder, "profiles.jsonl").split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
    }
  }

  @Test func everyInputFormatIsReadAndBadRecordsAreRecorded() throws {
    let out = temporaryFolder("formats")
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try FramingProcess.run(["batch", "Tests/Fixtures/corpus", "--out", out.path, "--jobs", "2", "--quiet"])
    #expect(result.status == 1)  // some records failed; the others were analyzed
    let articles = try profiles(out).map { $0["article"] as! [String: Any] }
    #expect(articles.map { $0["id"] as! String } == ["a-polish", "c-page", "json-article", "jl-1", "jl-2", "csv-1", "b-german"])
    let page = articles[1]
    #expect(page["title"] as? String == "Lavrov says talks will continue")
    #expect(page["outlet"] as? String == "Example News")
    #expect(page["published"] as? String == "2021-05-24T10:00:00Z")
    #expect(page["url"] as? String == "https://news.example/lavrov-talks")
    let pageText = try profiles(out)[1]["sentences"] as! [[String: Any]]
    #expect(!pageText.contains { ($0["text"] as! String).contains("tracking") || ($0["text"] as! String).contains("Read more") })
    #expect(articles[2]["extra"] as? [String: String] == ["rank": "3", "topic": "belarus"])
    #expect(articles[3]["extra"] as? [String: String] == ["desk": "world"])
    #expect(articles[5]["title"] as? String == "Title, with comma")
    let csvSentences = try profiles(out)[5]["sentences"] as! [[String: Any]]
    #expect(csvSentences.map { $0["text"] as! String } == ["Песков заявил, что Кремль следит за ситуацией.", "Второй абзац с \"кавычками\"."])
    #expect(try read(out, "errors.jsonl") == """
      {"code":"malformed-jsonl","file":"Tests/Fixtures/corpus/e-lines.jsonl","line":3,"message":"Tests/Fixtures/corpus/e-lines.jsonl:3: not valid JSON (Unexpected end of file during JSON parse.); the line is skipped, the others are read"}
      {"code":"empty-input","file":"Tests/Fixtures/corpus/e-lines.jsonl","line":4,"message":"Tests/Fixtures/corpus/e-lines.jsonl:4: no text (the input is empty or only whitespace); nothing to analyze"}
      {"code":"malformed-csv","file":"Tests/Fixtures/corpus/f-table.csv","line":5,"message":"Tests/Fixtures/corpus/f-table.csv:5: malformed CSV row (3 fields where the header has 5); the row is skipped, the others are read"}
      {"code":"empty-input","file":"Tests/Fixtures/corpus/g-empty.txt","message":"Tests/Fixtures/corpus/g-empty.txt: no text (the input is empty or only whitespace); nothing to analyze"}
      {"code":"binary-input","file":"Tests/Fixtures/corpus/h-binary.txt","message":"Tests/Fixtures/corpus/h-binary.txt: binary data (NUL bytes or control characters), not text; pass a plain-text, HTML or JSONL file"}

      """)
    let csv = try read(out, "articles.csv")
    #expect(csv.hasPrefix("id,title,outlet,published,url,language,language_confidence,words,sentences,index.official-relay,"))
    #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 8)
    #expect(try read(out, "findings.csv").hasPrefix("article,analyzer,label,voice,entity,speaker,start,end,text,entry\r\n"))
    #expect(try read(out, "summary.md").hasPrefix("# Corpus summary\n\n7 articles"))
    let manifest = try JSONSerialization.jsonObject(with: Data(read(out, "manifest.json").utf8)) as! [String: Any]
    #expect((manifest["counts"] as! [String: Int]) == ["analyzed": 7, "failed": 5, "skipped": 0])
  }

  @Test func standardInputIsReadAsJSONL() throws {
    let out = temporaryFolder("stdin")
    defer { try? FileManager.default.removeItem(at: out) }
    let input = "{\"id\": \"s1\", \"text\": \"Laut TASS wurden die Gespräche fortgesetzt.\"}\n{\"id\": \"s2\", \"text\": \"Lavrov said that Moscow would respond.\"}\n"
    let result = try FramingProcess.run(["batch", "-", "--out", out.path, "--quiet"], stdin: Data(input.utf8))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try profiles(out).map { ($0["article"] as! [String: Any])["id"] as! String } == ["s1", "s2"])
  }

  @Test func hostileIdsBecomeSafeDistinctFileNames() throws {
    let out = temporaryFolder("ids")
    defer { try? FileManager.default.removeItem(at: out) }
    let ids = ["../../etc/passwd", "a/b", "", ".hidden", "same", "same", String(repeating: "x", count: 300), "Łukaszenka ✓"]
    let input = ids.map { "{\"id\": \"\($0)\", \"text\": \"Kreml potwierdził, że rozmowa się odbyła.\"}" }.joined(separator: "\n") + "\n"
    let result = try FramingProcess.run(["batch", "-", "--out", out.path, "--quiet", "--articles", "json"], stdin: Data(input.utf8))
    #expect(result.status == 0, "\(result.stderr)")
    let names = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("articles").path).sorted()
    #expect(names.count == ids.count)
    #expect(names.allSatisfy { !$0.contains("/") && !$0.hasPrefix(".") && $0.count <= 140 })
    #expect(names.contains("same.json") && names.contains("same-2.json"))
    #expect(!FileManager.default.fileExists(atPath: out.deletingLastPathComponent().appendingPathComponent("etc").path))
    // Stable: the same input gives the same names.
    let again = temporaryFolder("ids-again")
    defer { try? FileManager.default.removeItem(at: again) }
    _ = try FramingProcess.run(["batch", "-", "--out", again.path, "--quiet", "--articles", "json"], stdin: Data(input.utf8))
    #expect(try FileManager.default.contentsOfDirectory(atPath: again.appendingPathComponent("articles").path).sorted() == names)
  }

  @Test func resumingAnInterruptedRunGivesTheSameOutputs() throws {
    let corpus = temporaryFolder("resume-corpus").appendingPathExtension("jsonl")
    let lines = (1...12).map { "{\"id\": \"r\($0)\", \"text\": \"Peskov said that the Kremlin was following talk number \($0) closely.\"}" }
    try (lines.joined(separator: "\n") + "\n").write(to: corpus, atomically: true, encoding: .utf8)
    let full = temporaryFolder("resume-full"), resumed = temporaryFolder("resume-part")
    defer { for url in [corpus, full, resumed] { try? FileManager.default.removeItem(at: url) } }
    _ = try FramingProcess.run(["batch", corpus.path, "--out", full.path, "--quiet"])
    let first = try FramingProcess.run(["batch", corpus.path, "--out", resumed.path, "--quiet", "--stop-after", "5"])
    #expect(first.status == 1)
    #expect(try profiles(resumed).count == 5)
    let second = try FramingProcess.run(["batch", corpus.path, "--out", resumed.path, "--quiet", "--resume"])
    #expect(second.status == 0, "\(second.stderr)")
    for name in ["profiles.jsonl", "articles.csv", "findings.csv", "sentences.csv", "summary.md"] {
      #expect(try read(resumed, name) == read(full, name), "\(name) differs after resuming")
    }
    let manifest = try JSONSerialization.jsonObject(with: Data(read(resumed, "manifest.json").utf8)) as! [String: Any]
    #expect((manifest["counts"] as! [String: Int])["skipped"] == 5)
  }

  @Test func ctrlCLeavesAResumableFolder() throws {
    let corpus = temporaryFolder("sigint").appendingPathExtension("jsonl")
    let text = (0..<4000).map { "{\"id\": \"i\($0)\", \"text\": \"Peskov said that the Kremlin was following talk \($0) closely.\"}" }
      .joined(separator: "\n") + "\n"
    try text.write(to: corpus, atomically: true, encoding: .utf8)
    let out = temporaryFolder("sigint-out")
    defer { for url in [corpus, out] { try? FileManager.default.removeItem(at: url) } }
    let process = Process()
    process.executableURL = TestPaths.framingBinary
    process.arguments = ["batch", corpus.path, "--out", out.path, "--quiet", "--jobs", "1"]
    try process.run()
    Thread.sleep(forTimeInterval: 1.5)
    process.interrupt()
    process.waitUntilExit()
    let manifest = try JSONSerialization.jsonObject(with: Data(read(out, "manifest.json").utf8)) as! [String: Any]
    if manifest["interrupted"] as? Bool == true {
      #expect(process.terminationStatus == 1)
      let done = try profiles(out).count
      #expect(done > 0 && done < 4000)
      let resumed = try FramingProcess.run(["batch", corpus.path, "--out", out.path, "--quiet", "--resume"])
      #expect(resumed.status == 0, "\(resumed.stderr)")
    }
    #expect(try profiles(out).count == 4000)
  }

  @Test func twentyThousandArticlesGiveIdenticalOutputForOneAndTwoWorkers() throws {
    let corpus = temporaryFolder("large").appendingPathExtension("jsonl")
    let sentences = [
      "Jak informuje Kreml, prezydenci rozmawiali przez telefon o sytuacji na Białorusi.",
      "Der russische Präsident sagte, er hoffe auf eine Lösung der Krise in Weißrussland.",
      "Песков заявил, что Кремль внимательно следит за ситуацией в Белоруссии.",
      "According to Reuters, the talks in Minsk lasted three hours and ended without a deal.",
    ]
    var text = ""
    for number in 0..<20_000 {
      let first = sentences[number % 4], second = sentences[(number / 4) % 4]
      text += "{\"id\": \"g\(number)\", \"text\": \"\(first) \(second)\", \"n\": \(number)}\n"
    }
    try text.write(to: corpus, atomically: true, encoding: .utf8)
    let one = temporaryFolder("large-1"), two = temporaryFolder("large-2")
    defer { for url in [corpus, one, two] { try? FileManager.default.removeItem(at: url) } }
    let runOne = try FramingProcess.run(["batch", corpus.path, "--out", one.path, "--quiet", "--jobs", "1"])
    let runTwo = try FramingProcess.run(["batch", corpus.path, "--out", two.path, "--quiet", "--jobs", "2"])
    #expect(runOne.status == 0 && runTwo.status == 0)
    for name in ["profiles.jsonl", "articles.csv", "findings.csv", "sentences.csv", "summary.md"] {
      #expect(try read(one, name) == read(two, name), "\(name) differs between 1 and 2 workers")
    }
    #expect(try read(one, "profiles.jsonl").split(separator: "\n").count == 20_000)
    // Memory stays bounded: far below what holding 20,000 profiles would take.
    let manifest = try JSONSerialization.jsonObject(with: Data(read(two, "manifest.json").utf8)) as! [String: Any]
    #expect((manifest["peak_memory_mb"] as! Double) < 100)
  }
}

@Suite(.serialized) struct NotebookExportTests {
  @Test func committedNotebookExportIsCurrentAndValid() throws {
    let batch = temporaryFolder("nb-batch"), export = temporaryFolder("nb-export")
    defer { for url in [batch, export] { try? FileManager.default.removeItem(at: url) } }
    let run = try FramingProcess.run(["batch", "seeds", "--metadata", "seeds/metadata.jsonl", "--out", batch.path, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    let result = try FramingProcess.run(["export", "notebook", "--from", batch.path, "--to", export.path])
    #expect(result.status == 0, "\(result.stderr)")
    for name in ["framing.ipynb", "data/articles.csv", "data/findings.csv", "data/sentences.csv"] {
      let fresh = try String(contentsOf: export.appendingPathComponent(name), encoding: .utf8)
      if let mismatch = Golden.mismatch(fresh, golden: "notebooks-export/\(name)") {
        Issue.record(Comment(rawValue: mismatch + " — run 'make run' to refresh notebooks-export/"))
      }
    }
    let check = try runScript("check_notebook.py", [TestPaths.repo("notebooks-export/framing.ipynb").path])
    #expect(check.status == 0, "\(check.output)")
    #expect(check.output.hasPrefix("valid"))
  }

  @Test func exportNamesTheMissingTable() throws {
    let result = try FramingProcess.run(["export", "notebook", "--from", "seeds", "--to", temporaryFolder("nb-none").path])
    #expect(result.status == 1)
    #expect(result.stderr == "error: seeds/articles.csv: not found; run 'framing batch INPUT --out DIR' first and pass that DIR to '--from'\n")
  }
}
