/// The profile's JSON, member by member in sorted order, with the names `Codable` gives them in
/// snake_case. `ProfileJSONTests` holds these bytes equal to the `Encodable` path.
extension Profile: JSONWritable {
  func write(to json: inout JSONWriter) {
    json.beginObject()
    json.member("article", article)
    json.member("attribution", attribution)
    json.member("findings", findings)
    json.member("flags", flags)
    json.member("indices", indices)
    json.member("layout", layout)
    json.member("lexicon_hash", lexiconHash)
    json.member("schema", schema)
    json.member("scores", scores: scores)
    json.member("sentences", sentences)
    json.member("sources", sources)
    json.member("text", ifPresent: text)
    json.member("tool_version", toolVersion)
    json.member("warnings", warnings)
    json.endObject()
  }
}

extension Profile.Article: JSONWritable {
  func write(to json: inout JSONWriter) {
    json.beginObject()
    json.member("counts", counts)
    json.member("encoding", encoding)
    json.member("extra", extra, verbatim: true)
    json.member("id", id)
    json.member("language", language)
    json.member("language_confidence", languageConfidence)
    json.member("outlet", ifPresent: outlet)
    json.member("published", ifPresent: published)
    json.member("text_sha256", textSha256)
    json.member("title", ifPresent: title)
    json.member("url", ifPresent: url)
    json.endObject()
  }
}

extension Profile.Counts: JSONWritable {
  func write(to json: inout JSONWriter) {
    json.beginObject()
    json.member("analyzed_words", analyzedWords)
    json.member("paragraphs", paragraphs)
    json.member("sentences", sentences)
    json.member("tokens", tokens)
    json.member("words", words)
    json.endObject()
  }
}

extension Profile.Attribution: JSONWritable {
  func write(to json: inout JSONWriter) {
    json.beginObject()
    json.member("byline", byline)
    json.key("chains")
    json.beginArray()
    for chain in chains { json.value(chain) }
    json.endArray()
    json.endObject()
  }
}

extension Finding: JSONWritable {
  func write(to json: inout JSONWriter) {
    json.beginObject()
    json.member("analyzer", analyzer)
    if !details.isEmpty { json.member("details", details) }
    json.member("end", span.end)
    json.member("entity", ifPresent: entity)
    json.member("entry", ifPresent: entry)
    json.member("label", label)
    json.member("note", ifPresent: note)
    json.member("polarity", ifPresent: polarity)
    json.member("sentence", sentence)
    json.member("speaker", ifPresent: speaker)
    json.member("start", span.start)
    json.member("text", surfaceText)
    json.member("voice", voice.rawValue)
    json.endObject()
  }
}

extension Profile.Flag: JSONWritable {
  func write(to json: inout JSONWriter) {
    json.beginObject()
    json.member("evidence", evidence)
    json.member("id", id)
    json.member("text", text)
    json.endObject()
  }
}

extension Profile.Index: JSONWritable {
  func write(to json: inout JSONWriter) {
    // A spelled name's components are exactly its component names (see `Profile.Index.init`).
    if !json.pretty && value == 0 && evidence.isEmpty && !name.emptyIndex.isEmpty && components.entries.allSatisfy({ $0.value == 0 }) {
      json.spelledValue(name.emptyIndex)
      return
    }
    json.beginObject()
    if !json.pretty && !name.componentKeyEnds.isEmpty {
      json.key("components")
      json.components(components, names: name)
    } else {
      json.member("components", components)
    }
    json.member("evidence", evidence)
    if !json.pretty && name.isSpelled {
      json.closing(name, value)
    } else {
      json.member("formula", formula)
      json.member("id", id)
      json.member("value", value)
    }
    json.endObject()
  }
}

extension Profile.Score: JSONWritable {
  func write(to json: inout JSONWriter) {
    if !json.pretty && name.isSpelled {
      json.score(evidence: evidence, closing: name, value: value)
      return
    }
    json.beginObject()
    json.member("evidence", evidence)
    json.member("formula", formula)
    json.member("id", id)
    json.member("value", value)
    json.endObject()
  }
}

extension Profile.Layout: JSONWritable {
  func write(to json: inout JSONWriter) {
    json.beginObject()
    json.member("boilerplate", boilerplate)
    json.member("credits", credits)
    json.member("paragraphs", paragraphs)
    json.member("quotations", quotations)
    if let title { json.member("title", title) }
    json.endObject()
  }
}

extension Profile.BoilerplateInfo: JSONWritable {
  func write(to json: inout JSONWriter) {
    json.beginObject()
    json.member("end", end)
    json.member("reason", reason)
    json.member("start", start)
    json.member("text", text)
    json.endObject()
  }
}

extension CreditChain: JSONWritable {
  func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("entities")
    json.beginArray()
    for entity in entities {
      if let entity { json.value(entity) } else { json.null() }
    }
    json.endArray()
    json.member("parts", parts)
    json.member("span", span)
    json.endObject()
  }
}

extension Profile.ParagraphInfo: JSONWritable {
  func write(to json: inout JSONWriter) {
    json.beginObject()
    json.member("end", end)
    json.member("language", language)
    json.member("language_confidence", languageConfidence)
    json.member("sentences", sentences)
    json.member("start", start)
    json.endObject()
  }
}

extension Profile.QuotationInfo: JSONWritable {
  func write(to json: inout JSONWriter) {
    json.beginObject()
    json.member("closed", closed)
    json.member("depth", depth)
    json.member("end", end)
    json.member("inner_end", innerEnd)
    json.member("inner_start", innerStart)
    json.member("kind", kind)
    json.member("start", start)
    json.member("text", textSlice)
    json.endObject()
  }
}

extension Profile.SpanText: JSONWritable {
  func write(to json: inout JSONWriter) {
    json.beginObject()
    json.member("end", end)
    json.member("start", start)
    json.member("text", text)
    json.endObject()
  }
}

extension TextSpan: JSONWritable {
  func write(to json: inout JSONWriter) {
    json.beginObject()
    json.member("end", end)
    json.member("start", start)
    json.endObject()
  }
}

extension Profile.SentenceInfo: JSONWritable {
  func write(to json: inout JSONWriter) {
    json.beginObject()
    json.member("chain", chain)
    json.member("cues", cues)
    json.member("end", end)
    json.member("index", index)
    json.member("paragraph", paragraph)
    json.member("reason", reason)
    json.member("reported", reported)
    json.member("speakers", speakers)
    json.member("start", start)
    json.member("text", textSlice)
    json.member("title", title)
    json.member("verbs", verbs)
    json.member("voice", voice.rawValue)
    json.member("words", words)
    json.endObject()
  }
}

extension ReportingVerb: JSONWritable {
  func write(to json: inout JSONWriter) {
    json.beginObject()
    json.member("entry", entry)
    json.member("span", span)
    json.member("speakers", speakers)
    json.member("stance", stance.rawValue)
    json.endObject()
  }
}

extension AttributionCue: JSONWritable {
  func write(to json: inout JSONWriter) {
    json.beginObject()
    json.member("category", category)
    json.member("entity", entity)
    json.member("entry", entry)
    json.member("span", span)
    json.endObject()
  }
}

extension Profile.SourceInfo: JSONWritable {
  func write(to json: inout JSONWriter) {
    json.beginObject()
    json.member("country", country)
    json.member("entity", entity)
    json.member("evidence", evidence)
    json.member("kind", kind)
    json.member("leads", leads)
    json.member("mentions", mentions)
    json.member("name", name)
    json.member("roles", roles)
    json.member("sentences", sentences)
    json.member("state_affiliated", stateAffiliated)
    json.member("word_share", wordShare)
    json.endObject()
  }
}
