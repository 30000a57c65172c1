/// RFC 4180 rows: fields with commas, quotes or line breaks are quoted, quotes doubled.
enum CSVWriter {
  static func row(_ fields: [String]) -> String {
    fields.map { field in
      if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      }
      return field
    }.joined(separator: ",") + "\r\n"
  }
}
