/// Users of PlaybookKit see the model without importing it.
@_exported import PlaybookModel
