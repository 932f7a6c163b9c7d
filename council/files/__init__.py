"""Files people upload and download: document checks and storage, spreadsheet import and export."""
