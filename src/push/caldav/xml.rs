//! WebDAV XML: the request bodies we send and the `multistatus` replies we
//! read (RFC 4918 §14.16, §9.1), with the CalDAV properties of RFC 4791
//! (§5.2.3 supported-calendar-component-set, §6.2.1 calendar-home-set,
//! §9.6 calendar-data) and RFC 5397 (current-user-principal).
//!
//! Elements are matched by namespace and local name, never by prefix:
//! Radicale, Xandikos and others each choose their own prefixes.
//! Pure: bytes in, values out.

const DAV: &str = "DAV:";
const CALDAV: &str = "urn:ietf:params:xml:ns:caldav";

/// What one `<response>` says about one href; only properties in a
/// `propstat` with status 200 count.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    pub href: String,
    /// The response's own status (e.g. 404 in a multiget for a gone href).
    pub status: Option<u16>,
    pub etag: Option<String>,
    pub is_collection: bool,
    pub is_calendar: bool,
    pub display_name: Option<String>,
    /// From `supported-calendar-component-set`: `None` when not given
    /// (RFC 4791 §5.2.3: then every component is allowed).
    pub components: Option<Vec<String>>,
    pub calendar_data: Option<String>,
    pub principal: Option<String>,
    pub home_sets: Vec<String>,
}

/// Parses a `207 Multi-Status` body.
pub fn parse_multistatus(body: &[u8]) -> Result<Vec<Entry>, String> {
    let text = std::str::from_utf8(body).map_err(|_| "the XML reply is not UTF-8".to_string())?;
    let opts = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, opts)
        .map_err(|e| format!("the XML reply does not parse: {e}"))?;
    let root = doc.root_element();
    if !root.has_tag_name((DAV, "multistatus")) {
        return Err(format!(
            "expected a DAV:multistatus reply, got <{}>",
            root.tag_name().name()
        ));
    }
    let mut out = Vec::new();
    for resp in root
        .children()
        .filter(|n| n.has_tag_name((DAV, "response")))
    {
        let mut e = Entry::default();
        for child in resp.children().filter(roxmltree::Node::is_element) {
            if child.has_tag_name((DAV, "href")) && e.href.is_empty() {
                e.href = text_of(child);
            } else if child.has_tag_name((DAV, "status")) {
                e.status = parse_status(&text_of(child));
            } else if child.has_tag_name((DAV, "propstat")) {
                let ok = child
                    .children()
                    .find(|n| n.has_tag_name((DAV, "status")))
                    .and_then(|n| parse_status(&text_of(n)))
                    .is_some_and(|s| (200..300).contains(&s));
                if !ok {
                    continue;
                }
                for prop in child.children().filter(|n| n.has_tag_name((DAV, "prop"))) {
                    read_props(prop, &mut e);
                }
            }
        }
        if !e.href.is_empty() {
            out.push(e);
        }
    }
    Ok(out)
}

fn read_props(prop: roxmltree::Node, e: &mut Entry) {
    for p in prop.children().filter(roxmltree::Node::is_element) {
        let name = p.tag_name();
        match (name.namespace(), name.name()) {
            (Some(DAV), "getetag") => e.etag = Some(text_of(p)).filter(|t| !t.is_empty()),
            (Some(DAV), "resourcetype") => {
                e.is_collection = p.children().any(|n| n.has_tag_name((DAV, "collection")));
                e.is_calendar = p.children().any(|n| n.has_tag_name((CALDAV, "calendar")));
            }
            (Some(DAV), "displayname") => {
                e.display_name = Some(text_of(p)).filter(|t| !t.is_empty());
            }
            (Some(DAV), "current-user-principal") => e.principal = first_href(p),
            (Some(CALDAV), "calendar-home-set") => {
                e.home_sets = p
                    .children()
                    .filter(|n| n.has_tag_name((DAV, "href")))
                    .map(text_of)
                    .collect();
            }
            (Some(CALDAV), "supported-calendar-component-set") => {
                e.components = Some(
                    p.children()
                        .filter(|n| n.has_tag_name((CALDAV, "comp")))
                        .filter_map(|n| n.attribute("name"))
                        .map(str::to_ascii_uppercase)
                        .collect(),
                );
            }
            (Some(CALDAV), "calendar-data") => e.calendar_data = Some(all_text(p)),
            _ => {}
        }
    }
}

fn first_href(node: roxmltree::Node) -> Option<String> {
    node.children()
        .find(|n| n.has_tag_name((DAV, "href")))
        .map(text_of)
        .filter(|t| !t.is_empty())
}

fn text_of(node: roxmltree::Node) -> String {
    all_text(node).trim().to_string()
}

/// The node's text, CDATA included, without trimming (calendar data keeps
/// its line ends).
fn all_text(node: roxmltree::Node) -> String {
    node.descendants()
        .filter(roxmltree::Node::is_text)
        .filter_map(|n| n.text())
        .collect()
}

/// `HTTP/1.1 200 OK` -> 200.
fn parse_status(line: &str) -> Option<u16> {
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Escapes text for an XML element's content.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

const HEAD: &str = r#"<?xml version="1.0" encoding="utf-8"?>"#;

/// PROPFIND for a collection's members: their ETags and types.
pub fn propfind_members() -> String {
    format!(
        r#"{HEAD}<d:propfind xmlns:d="DAV:" xmlns:c="{CALDAV}"><d:prop><d:resourcetype/><d:getetag/></d:prop></d:propfind>"#
    )
}

/// PROPFIND for discovery: the principal, the calendar home, and what a
/// calendar listing needs.
pub fn propfind_discovery() -> String {
    format!(
        r#"{HEAD}<d:propfind xmlns:d="DAV:" xmlns:c="{CALDAV}"><d:prop><d:current-user-principal/><c:calendar-home-set/><d:resourcetype/><d:displayname/><c:supported-calendar-component-set/></d:prop></d:propfind>"#
    )
}

/// REPORT calendar-multiget (RFC 4791 §7.9) for these hrefs (already
/// percent-encoded paths).
pub fn multiget<'a>(hrefs: impl IntoIterator<Item = &'a str>) -> String {
    let mut body = format!(
        r#"{HEAD}<c:calendar-multiget xmlns:d="DAV:" xmlns:c="{CALDAV}"><d:prop><d:getetag/><c:calendar-data/></d:prop>"#
    );
    for h in hrefs {
        body.push_str("<d:href>");
        body.push_str(&escape(h));
        body.push_str("</d:href>");
    }
    body.push_str("</c:calendar-multiget>");
    body
}

/// MKCALENDAR (RFC 4791 §5.3.1) with a display name, for events.
pub fn mkcalendar(display_name: &str) -> String {
    format!(
        r#"{HEAD}<c:mkcalendar xmlns:d="DAV:" xmlns:c="{CALDAV}"><d:set><d:prop><d:displayname>{}</d:displayname><c:supported-calendar-component-set><c:comp name="VEVENT"/></c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>"#,
        escape(display_name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_multistatus_with_any_prefixes() {
        // Shaped like Xandikos' and Radicale's replies: other prefixes, a
        // 404 propstat that must not count, calendar data with CRLF kept.
        let xml = r#"<?xml version="1.0"?>
<ns0:multistatus xmlns:ns0="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
 <ns0:response><ns0:href>/u/cal/</ns0:href>
  <ns0:propstat><ns0:status>HTTP/1.1 200 OK</ns0:status><ns0:prop>
   <ns0:resourcetype><ns0:collection/><C:calendar/></ns0:resourcetype>
   <ns0:displayname>Job search &amp; more</ns0:displayname>
   <C:supported-calendar-component-set><C:comp name="VEVENT"/><C:comp name="vtodo"/></C:supported-calendar-component-set>
  </ns0:prop></ns0:propstat>
  <ns0:propstat><ns0:status>HTTP/1.1 404 Not Found</ns0:status><ns0:prop><ns0:getetag/></ns0:prop></ns0:propstat>
 </ns0:response>
 <ns0:response><ns0:href>/u/cal/followup-a.ics</ns0:href>
  <ns0:propstat><ns0:status>HTTP/1.1 200 OK</ns0:status><ns0:prop>
   <ns0:getetag>"abc"</ns0:getetag><ns0:resourcetype/>
   <C:calendar-data>BEGIN:VCALENDAR&#13;
X-FOLLOWUP-HASH:1&#13;
END:VCALENDAR&#13;
</C:calendar-data>
  </ns0:prop></ns0:propstat>
 </ns0:response>
 <ns0:response><ns0:href>/u/cal/gone.ics</ns0:href><ns0:status>HTTP/1.1 404 Not Found</ns0:status></ns0:response>
</ns0:multistatus>"#;
        let got = parse_multistatus(xml.as_bytes()).unwrap();
        assert_eq!(got.len(), 3);
        assert!(got[0].is_calendar && got[0].is_collection);
        assert_eq!(got[0].display_name.as_deref(), Some("Job search & more"));
        assert_eq!(
            got[0].components.as_deref(),
            Some(&["VEVENT".to_string(), "VTODO".to_string()][..])
        );
        assert_eq!(got[0].etag, None);
        assert_eq!(got[1].etag.as_deref(), Some("\"abc\""));
        assert!(!got[1].is_collection);
        assert_eq!(
            got[1].calendar_data.as_deref(),
            Some("BEGIN:VCALENDAR\r\nX-FOLLOWUP-HASH:1\r\nEND:VCALENDAR\r\n")
        );
        assert_eq!(got[2].status, Some(404));
    }

    #[test]
    fn reads_principal_and_home() {
        let xml = r#"<multistatus xmlns="DAV:"><response><href>/</href><propstat><prop>
<current-user-principal><href>/beth/</href></current-user-principal>
<C:calendar-home-set xmlns:C="urn:ietf:params:xml:ns:caldav"><href>/beth/cals/</href></C:calendar-home-set>
</prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>"#;
        let got = parse_multistatus(xml.as_bytes()).unwrap();
        assert_eq!(got[0].principal.as_deref(), Some("/beth/"));
        assert_eq!(got[0].home_sets, vec!["/beth/cals/".to_string()]);
    }

    #[test]
    fn refuses_what_is_not_multistatus() {
        assert!(parse_multistatus(b"<html/>").is_err());
        assert!(parse_multistatus(b"not xml").is_err());
        // No DTDs (no entity expansion from the server).
        let dtd =
            br#"<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">]><multistatus xmlns="DAV:"/>"#;
        assert!(parse_multistatus(dtd).is_err());
    }

    #[test]
    fn request_bodies_escape() {
        let b = mkcalendar("Jobs <&> \"x\"");
        assert!(b.contains("Jobs &lt;&amp;&gt; &quot;x&quot;"), "{b}");
        let m = multiget(["/a&b/x.ics"]);
        assert!(m.contains("<d:href>/a&amp;b/x.ics</d:href>"), "{m}");
        for body in [propfind_members(), propfind_discovery(), m, b] {
            roxmltree::Document::parse(&body).unwrap();
        }
    }
}
