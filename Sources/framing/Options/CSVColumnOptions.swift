import ArgumentParser
import FramingKit

/// Which CSV columns hold what; the defaults are `CSVColumns`' own.
struct CSVColumnOptions: ParsableArguments {
  @Option(help: "CSV column holding the article text.")
  var textColumn = CSVColumns().text
  @Option(help: "CSV column holding the article id.")
  var idColumn = CSVColumns().id
  @Option(help: "CSV column holding the title.")
  var titleColumn = CSVColumns().title
  @Option(help: "CSV column holding the outlet.")
  var outletColumn = CSVColumns().outlet
  @Option(help: "CSV column holding the publication date.")
  var publishedColumn = CSVColumns().published
  @Option(help: "CSV column holding the URL.")
  var urlColumn = CSVColumns().url

  var columns: CSVColumns {
    var columns = CSVColumns()
    columns.text = textColumn
    columns.id = idColumn
    columns.title = titleColumn
    columns.outlet = outletColumn
    columns.published = publishedColumn
    columns.url = urlColumn
    return columns
  }
}
