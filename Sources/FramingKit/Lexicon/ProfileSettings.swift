import Yams

/// The numbers behind composite indices and flags, from `lexicons/profile.yaml`: each index or flag
/// id maps parameter names to numbers. A `--lexicons` directory may override single parameters.
public struct ProfileSettings: Sendable {
  public private(set) var indices: [String: [String: Double]] = [:]
  public private(set) var flags: [String: [String: Double]] = [:]

  /// A parameter of an index. The built-in file defines every one; a lexicon set loaded without the
  /// built-in files and without a profile.yaml gets 0.
  public func index(_ id: String, _ parameter: String) -> Double { indices[id]?[parameter] ?? 0 }

  public func flag(_ id: String, _ parameter: String) -> Double { flags[id]?[parameter] ?? 0 }

  /// Reads one profile.yaml on top of these settings. The first file read (the built-in one) defines
  /// which ids and parameters exist; later files may only change their values.
  mutating func merge(path: String, contents: String, problems: inout [LexiconProblem]) {
    func problem(_ node: Node?, _ message: String) {
      problems.append(LexiconProblem(file: path, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, message: message))
    }
    let defining = indices.isEmpty && flags.isEmpty
    let root: Node?
    do { root = try Yams.compose(yaml: contents, .basic) } catch {
      problem(nil, "YAML syntax: \(error)")
      return
    }
    guard let mapping = root?.mapping else { problem(root, "profile.yaml must be a mapping with kind, version, indices and flags"); return }
    for (key, value) in mapping {
      switch key.string ?? "" {
      case "kind":
        if value.string != "profile" { problem(value, "profile.yaml must have 'kind: profile'") }
      case "version", "authors", "sources":
        continue
      case "indices", "flags":
        let section = key.string!
        guard let groups = value.mapping else { problem(value, "'\(section)' must map ids to parameters"); continue }
        for (idNode, parametersNode) in groups {
          let id = idNode.string ?? ""
          let known = section == "indices" ? indices[id] : flags[id]
          if !defining && known == nil {
            let ids = (section == "indices" ? indices.keys : flags.keys).sorted().joined(separator: ", ")
            problem(idNode, "unknown \(section == "indices" ? "index" : "flag") '\(id)'; use one of: \(ids)")
            continue
          }
          guard let parameters = parametersNode.mapping else { problem(parametersNode, "'\(id)' must map parameter names to numbers"); continue }
          var values = known ?? [:]
          for (nameNode, numberNode) in parameters {
            let name = nameNode.string ?? ""
            if !defining && known?[name] == nil {
              problem(nameNode, "unknown parameter '\(name)' of '\(id)'; use one of: \((known ?? [:]).keys.sorted().joined(separator: ", "))")
              continue
            }
            guard let number = numberNode.float else { problem(numberNode, "parameter '\(name)' of '\(id)' must be a number"); continue }
            values[name] = number
          }
          if section == "indices" { indices[id] = values } else { flags[id] = values }
        }
      default:
        problem(key, "unknown key '\(key.string ?? "")' in profile.yaml; allowed: kind, version, authors, sources, indices, flags")
      }
    }
  }
}
