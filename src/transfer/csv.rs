//! RFC 4180 CSV: quoting on write and a parser for reading back what `nano ekspor --csv` wrote.
//!
//! SQL NULL and the empty string must stay apart, so this module follows the convention of
//! PostgreSQL's CSV format: an unquoted empty field is NULL, and a quoted empty field (`""`) is
//! the empty string. Records end with CRLF as RFC 4180 specifies; the parser also accepts LF.

use std::borrow::Cow;

/// One field as read: `None` for an unquoted empty field (NULL).
pub type Field = Option<String>;

/// Quotes `text` when RFC 4180 requires it (a comma, quote, CR or LF inside) and when it is
/// empty, so that it is not read back as NULL. Quotes inside are doubled.
pub fn quote_field(text: &str) -> Cow<'_, str> {
    let needs_quotes = text.is_empty() || text.contains([',', '"', '\r', '\n']);
    if !needs_quotes {
        return Cow::Borrowed(text);
    }
    Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
}

/// Formats one record with its CRLF line end; `None` fields are written as NULL.
pub fn record(fields: &[Option<&str>]) -> String {
    let cells: Vec<Cow<str>> = fields
        .iter()
        .map(|field| match field {
            Some(text) => quote_field(text),
            None => Cow::Borrowed(""),
        })
        .collect();
    format!("{}\r\n", cells.join(","))
}

/// Position and reason of malformed CSV text.
#[derive(Debug, PartialEq, Eq)]
pub struct CsvError {
    /// 1-based line of the text where the problem was found.
    pub line: usize,
    pub reason: &'static str,
}

/// Splits `text` into records of fields. A final line end is optional.
pub fn parse(text: &str) -> Result<Vec<Vec<Field>>, CsvError> {
    let mut records = Vec::new();
    let mut record: Vec<Field> = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;

    if text.is_empty() {
        return Ok(records);
    }
    loop {
        // One field starts here.
        let field = if chars.peek() == Some(&'"') {
            chars.next();
            let mut value = String::new();
            loop {
                match chars.next() {
                    None => return Err(CsvError { line, reason: "tanda kutip tidak ditutup" }),
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        value.push('"');
                    }
                    Some('"') => break,
                    Some(c) => {
                        if c == '\n' {
                            line += 1;
                        }
                        value.push(c);
                    }
                }
            }
            if !matches!(chars.peek(), None | Some(',') | Some('\r') | Some('\n')) {
                return Err(CsvError { line, reason: "ada teks sesudah tanda kutip penutup" });
            }
            Some(value)
        } else {
            let mut value = String::new();
            while let Some(&c) = chars.peek() {
                if c == ',' || c == '\r' || c == '\n' {
                    break;
                }
                if c == '"' {
                    return Err(CsvError { line, reason: "tanda kutip di tengah kolom tanpa kutip" });
                }
                value.push(c);
                chars.next();
            }
            (!value.is_empty()).then_some(value)
        };
        record.push(field);

        match chars.next() {
            Some(',') => continue,
            Some('\r') => {
                if chars.next() != Some('\n') {
                    return Err(CsvError { line, reason: "CR tanpa LF di akhir baris" });
                }
            }
            Some('\n') => {}
            None => {
                records.push(record);
                return Ok(records);
            }
            Some(_) => unreachable!("a field ends only at a comma, a line end or the end of text"),
        }
        line += 1;
        records.push(std::mem::take(&mut record));
        if chars.peek().is_none() {
            return Ok(records);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_field_only_when_needed() {
        assert_eq!(quote_field("elco 1000uF"), "elco 1000uF");
        assert_eq!(quote_field(""), "\"\"");
        assert_eq!(quote_field("a,b"), "\"a,b\"");
        assert_eq!(quote_field("TV 32\" LG"), "\"TV 32\"\" LG\"");
        assert_eq!(quote_field("baris\r\nbaru"), "\"baris\r\nbaru\"");
    }

    #[test]
    fn record_writes_null_and_empty_apart() {
        assert_eq!(record(&[Some("1"), None, Some(""), Some("x,y")]), "1,,\"\",\"x,y\"\r\n");
    }

    #[test]
    fn parse_round_trips_records() {
        let rows: Vec<Vec<Option<&str>>> = vec![
            vec![Some("id"), Some("text")],
            vec![Some("1"), Some("kata \"kutip\", koma\r\ndan baris baru")],
            vec![Some("2"), None],
            vec![Some("3"), Some("")],
        ];
        let text: String = rows.iter().map(|row| record(row)).collect();

        let parsed = parse(&text).unwrap();

        let expected: Vec<Vec<Field>> = rows
            .iter()
            .map(|row| row.iter().map(|field| field.map(str::to_string)).collect())
            .collect();
        assert_eq!(parsed, expected);
    }

    #[test]
    fn parse_accepts_lf_and_missing_final_line_end() {
        let parsed = parse("a,b\n1,2").unwrap();
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[1], vec![Some("1".to_string()), Some("2".to_string())]);
    }

    #[test]
    fn parse_rejects_broken_quotes() {
        assert_eq!(parse("a,\"b\r\n").unwrap_err().reason, "tanda kutip tidak ditutup");
        assert_eq!(parse("a,\"b\"c\r\n").unwrap_err().line, 1);
        assert!(parse("a,b\"c\r\n").is_err());
        assert_eq!(parse("x\r\n\"y\"z").unwrap_err().line, 2);
    }
}
