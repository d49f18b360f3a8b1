//! The shape ARCHITECTURE.md promises, checked on the source in `src/`:
//!
//! - no import cycle between files ([`no_cycle_between_files`]);
//! - every file of the command line reads in one screen
//!   ([`cli_files_read_in_one_screen`]);
//! - ARCHITECTURE.md names every folder of `src/` and only folders that
//!   exist ([`architecture_md_matches_the_tree`]);
//! - the core never touches files, the environment, the network, processes
//!   or the clock, and never reaches out to a face
//!   ([`the_core_is_pure`]);
//! - the command line reaches the program only through the flows, and the
//!   flows know no face ([`faces_and_flows_keep_to_their_layers`]).
//!
//! The file graph: an edge A → B when file A names an item (a `use` path,
//! or a `crate::`/`super::`/`self::` path, or a path through a module that
//! A imported or declared, in code or in a macro's tokens) that resolves
//! into file B, that is, the deepest module the path walks through is B's
//! (an item re-exported by a `mod.rs` resolves into that `mod.rs`, which
//! has its own edge to the child it re-exports from). A `mod x;`
//! declaration alone is not an edge; a glob import is an edge to the module
//! it imports from. Doc comments are not code and make no edge.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::path::{Path, PathBuf};

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::Visit;

type ModPath = Vec<String>;

/// One `.rs` file of `src/`.
struct File {
    /// `src/cli/mod.rs`
    rel: String,
    /// The module the file is, from the crate root (`["cli"]`).
    module: ModPath,
    /// The root `crate::` names in this file: the library's, or `main.rs`'s.
    crate_root: ModPath,
    ast: syn::File,
}

/// A path named in a file, in the module scope it was written in.
struct Named {
    scope: ModPath,
    segments: Vec<String>,
    /// Under `#[cfg(test)]` or `#[test]`, or in a test-only file.
    test: bool,
    kind: Kind,
}

#[derive(Clone, PartialEq)]
enum Kind {
    /// A path in code or in a macro's tokens.
    Path,
    /// A `use` leaf that brings in a name (`use a::b;`, `use a::b as c;`).
    Use(String),
    /// `use a::b::*;`
    Glob,
}

/// Every file of `src/`, the modules they declare inline, and what each
/// file names.
struct Crate {
    files: Vec<File>,
    /// Module path → the file it lives in (inline modules included).
    modules: BTreeMap<ModPath, usize>,
    /// What each file names.
    named: Vec<Vec<Named>>,
    /// Per module scope: local names that stand for modules (imports,
    /// glob imports of a module's children and imports).
    aliases: HashMap<ModPath, HashMap<String, ModPath>>,
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn module_of(rel_to_src: &Path) -> (ModPath, ModPath) {
    let parts: Vec<String> = rel_to_src
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    match parts.as_slice() {
        [lib] if lib == "lib.rs" => (vec![], vec![]),
        // The binary is a crate of its own; `followup::` names the library.
        [main] if main == "main.rs" => (vec!["<main>".into()], vec!["<main>".into()]),
        _ => {
            let mut module: ModPath = parts.clone();
            let last = module.pop().unwrap();
            if last != "mod.rs" {
                module.push(last.trim_end_matches(".rs").to_string());
            }
            (module, vec![])
        }
    }
}

impl Crate {
    fn load() -> Crate {
        let root = repo();
        let src = root.join("src");
        let mut paths = Vec::new();
        rs_files(&src, &mut paths);
        let mut files = Vec::new();
        for p in paths {
            let text = std::fs::read_to_string(&p).unwrap();
            let ast = syn::parse_file(&text)
                .unwrap_or_else(|e| panic!("{}: cannot parse: {e}", p.display()));
            let (module, crate_root) = module_of(p.strip_prefix(&src).unwrap());
            files.push(File {
                rel: p.strip_prefix(&root).unwrap().display().to_string(),
                module,
                crate_root,
                ast,
            });
        }
        let mut modules: BTreeMap<ModPath, usize> = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.module.clone(), i))
            .collect();
        // Files declared under `#[cfg(test)] mod x;` are test code whole.
        let mut test_files: BTreeSet<ModPath> = BTreeSet::new();
        let mut named = Vec::new();
        for (i, f) in files.iter().enumerate() {
            let mut c = Collector {
                scope: f.module.clone(),
                test: 0,
                named: Vec::new(),
                inline: Vec::new(),
                test_children: Vec::new(),
            };
            c.visit_file(&f.ast);
            for m in c.inline {
                modules.insert(m, i);
            }
            test_files.extend(c.test_children);
            named.push(c.named);
        }
        // A test-only file's own children are test-only too.
        for (i, f) in files.iter().enumerate() {
            if test_files.iter().any(|t| f.module.starts_with(t)) {
                for n in &mut named[i] {
                    n.test = true;
                }
            }
        }
        let mut krate = Crate {
            files,
            modules,
            named,
            aliases: HashMap::new(),
        };
        krate.find_aliases();
        krate
    }

    /// Resolves `segments` written in `scope` of file `file`: the deepest
    /// module of this crate the path walks through, and whether the path
    /// names that module itself (every segment consumed). `None` for paths
    /// outside the crate (std, other crates) or names that are not modules.
    fn resolve(
        &self,
        file: usize,
        scope: &[String],
        segments: &[String],
    ) -> Option<(ModPath, bool)> {
        let first = segments.first()?;
        let mut rest = &segments[1..];
        let mut at: ModPath = match first.as_str() {
            "crate" => self.files[file].crate_root.clone(),
            "followup" if !self.files[file].crate_root.is_empty() => vec![],
            "self" => scope.to_vec(),
            "super" => {
                let mut m = scope.to_vec();
                m.pop()?;
                while rest.first().is_some_and(|s| s == "super") {
                    m.pop()?;
                    rest = &rest[1..];
                }
                m
            }
            name => {
                let mut child = scope.to_vec();
                child.push(name.to_string());
                if self.modules.contains_key(&child) {
                    child
                } else {
                    self.aliases.get(scope)?.get(name)?.clone()
                }
            }
        };
        let mut consumed = true;
        for seg in rest {
            let mut next = at.clone();
            next.push(seg.clone());
            if self.modules.contains_key(&next) {
                at = next;
            } else {
                consumed = false;
                break;
            }
        }
        Some((at, consumed))
    }

    /// Local names that stand for modules, scope by scope, until nothing
    /// new is found (a glob import brings in its module's names).
    fn find_aliases(&mut self) {
        loop {
            let mut found: Vec<(ModPath, String, ModPath)> = Vec::new();
            for (i, named) in self.named.iter().enumerate() {
                for n in named {
                    let Some((at, whole)) = self.resolve(i, &n.scope, &n.segments) else {
                        continue;
                    };
                    match &n.kind {
                        Kind::Use(alias) if whole => {
                            found.push((n.scope.clone(), alias.clone(), at))
                        }
                        Kind::Glob if whole => {
                            for child in self.modules.keys() {
                                if child.len() == at.len() + 1 && child.starts_with(&at) {
                                    let name = child.last().unwrap().clone();
                                    found.push((n.scope.clone(), name, child.clone()));
                                }
                            }
                            if let Some(theirs) = self.aliases.get(&at) {
                                for (name, m) in theirs {
                                    found.push((n.scope.clone(), name.clone(), m.clone()));
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            let mut changed = false;
            for (scope, name, m) in found {
                if let std::collections::hash_map::Entry::Vacant(e) =
                    self.aliases.entry(scope).or_default().entry(name)
                {
                    e.insert(m);
                    changed = true;
                }
            }
            if !changed {
                return;
            }
        }
    }

    /// The file graph: `edges[a][b]` is an example of what file `a` names
    /// in file `b`.
    fn graph(&self) -> Vec<BTreeMap<usize, String>> {
        let mut edges = vec![BTreeMap::new(); self.files.len()];
        for (i, named) in self.named.iter().enumerate() {
            for n in named {
                let Some((at, _)) = self.resolve(i, &n.scope, &n.segments) else {
                    continue;
                };
                let Some(&to) = self.modules.get(&at) else {
                    continue;
                };
                if to != i {
                    let text = match &n.kind {
                        Kind::Glob => format!("{}::*", n.segments.join("::")),
                        _ => n.segments.join("::"),
                    };
                    edges[i].entry(to).or_insert(text);
                }
            }
        }
        edges
    }
}

/// Collects what a file names, scope by scope.
struct Collector {
    scope: ModPath,
    /// How many enclosing items are test code.
    test: usize,
    named: Vec<Named>,
    /// Inline modules (`mod tests { … }`), by path.
    inline: Vec<ModPath>,
    /// Child files declared `#[cfg(test)] mod x;`.
    test_children: Vec<ModPath>,
}

fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        if a.path().is_ident("test") {
            return true;
        }
        if a.path().is_ident("cfg") {
            let mut test = false;
            let _ = a.parse_nested_meta(|m| {
                test |= m.path.is_ident("test");
                Ok(())
            });
            return test;
        }
        false
    })
}

fn attrs_of(item: &syn::Item) -> &[syn::Attribute] {
    use syn::Item::*;
    match item {
        Const(i) => &i.attrs,
        Enum(i) => &i.attrs,
        Fn(i) => &i.attrs,
        Impl(i) => &i.attrs,
        Macro(i) => &i.attrs,
        Mod(i) => &i.attrs,
        Static(i) => &i.attrs,
        Struct(i) => &i.attrs,
        Trait(i) => &i.attrs,
        Type(i) => &i.attrs,
        Union(i) => &i.attrs,
        Use(i) => &i.attrs,
        _ => &[],
    }
}

impl Collector {
    fn push(&mut self, segments: Vec<String>, kind: Kind) {
        self.named.push(Named {
            scope: self.scope.clone(),
            segments,
            test: self.test > 0,
            kind,
        });
    }

    fn use_tree(&mut self, tree: &syn::UseTree, prefix: &mut Vec<String>) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(&p.tree, prefix);
                prefix.pop();
            }
            syn::UseTree::Name(n) if n.ident == "self" => {
                if let Some(last) = prefix.last().cloned() {
                    self.push(prefix.clone(), Kind::Use(last));
                }
            }
            syn::UseTree::Name(n) => {
                let mut segs = prefix.clone();
                segs.push(n.ident.to_string());
                self.push(segs, Kind::Use(n.ident.to_string()));
            }
            syn::UseTree::Rename(r) => {
                let mut segs = prefix.clone();
                segs.push(r.ident.to_string());
                self.push(segs, Kind::Use(r.rename.to_string()));
            }
            syn::UseTree::Glob(_) => self.push(prefix.clone(), Kind::Glob),
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(t, prefix);
                }
            }
        }
    }

    /// Paths in a macro's tokens: `a::b::c` runs of two or more segments.
    fn tokens(&mut self, tokens: TokenStream) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < trees.len() {
            match &trees[i] {
                TokenTree::Group(g) => {
                    self.tokens(g.stream());
                    i += 1;
                }
                TokenTree::Ident(first) => {
                    let after_colons = i >= 1
                        && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == ':');
                    let mut segs = vec![first.to_string()];
                    let mut j = i + 1;
                    loop {
                        let colons = matches!((trees.get(j), trees.get(j + 1)),
                            (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
                                if a.as_char() == ':' && b.as_char() == ':');
                        match (colons, trees.get(j + 2)) {
                            (true, Some(TokenTree::Ident(next))) => {
                                segs.push(next.to_string());
                                j += 3;
                            }
                            _ => break,
                        }
                    }
                    if segs.len() >= 2 && !after_colons {
                        self.push(segs, Kind::Path);
                    }
                    i = j;
                }
                _ => i += 1,
            }
        }
    }
}

impl<'ast> Visit<'ast> for Collector {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let test = is_test(attrs_of(item));
        self.test += usize::from(test);
        match item {
            syn::Item::Mod(m) => match &m.content {
                Some((_, items)) => {
                    self.scope.push(m.ident.to_string());
                    self.inline.push(self.scope.clone());
                    for i in items {
                        self.visit_item(i);
                    }
                    self.scope.pop();
                }
                None if test => {
                    let mut child = self.scope.clone();
                    child.push(m.ident.to_string());
                    self.test_children.push(child);
                }
                None => {}
            },
            syn::Item::Use(u) => {
                if u.leading_colon.is_none() {
                    self.use_tree(&u.tree, &mut Vec::new());
                }
            }
            other => syn::visit::visit_item(self, other),
        }
        self.test -= usize::from(test);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        let test = is_test(&f.attrs);
        self.test += usize::from(test);
        syn::visit::visit_impl_item_fn(self, f);
        self.test -= usize::from(test);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.leading_colon.is_none() && path.segments.len() >= 2 {
            let segs = path.segments.iter().map(|s| s.ident.to_string()).collect();
            self.push(segs, Kind::Path);
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.visit_path(&mac.path);
        self.tokens(mac.tokens.clone());
    }
}

/// A shortest cycle through `start` in the graph, if any, as file indexes
/// (first and last the same).
fn cycle_through(edges: &[BTreeMap<usize, String>], start: usize) -> Option<Vec<usize>> {
    let mut from: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(at) = queue.pop_front() {
        for &next in edges[at].keys() {
            if next == start {
                let mut walk = vec![at];
                let mut back = at;
                while back != start {
                    back = from[&back];
                    walk.push(back);
                }
                walk.reverse();
                walk.push(start);
                return Some(walk);
            }
            if let std::collections::hash_map::Entry::Vacant(e) = from.entry(next) {
                e.insert(at);
                queue.push_back(next);
            }
        }
    }
    None
}

#[test]
fn no_cycle_between_files() {
    let krate = Crate::load();
    let edges = krate.graph();
    let mut reported: BTreeSet<usize> = BTreeSet::new();
    let mut cycles = Vec::new();
    for start in 0..krate.files.len() {
        if reported.contains(&start) {
            continue;
        }
        if let Some(cycle) = cycle_through(&edges, start) {
            reported.extend(cycle.iter().copied());
            let mut text = format!("  {}", krate.files[cycle[0]].rel);
            for w in cycle.windows(2) {
                text.push_str(&format!(
                    "\n    -> {} (names `{}`)",
                    krate.files[w[1]].rel, edges[w[0]][&w[1]]
                ));
            }
            cycles.push(text);
        }
    }
    let count = edges.iter().map(BTreeMap::len).sum::<usize>();
    assert!(
        count > 100,
        "only {count} edges found: the graph is not being read"
    );
    assert!(
        cycles.is_empty(),
        "{} import cycle(s) between files (move what both sides need into a leaf file):\n{}",
        cycles.len(),
        cycles.join("\n")
    );
}

#[test]
fn the_graph_sees_the_edges_that_make_cycles() {
    // The resolver must see the kinds of edge that make the usual cycle: a
    // child naming its parent `mod.rs` through `super::`, a `mod.rs`
    // re-exporting from its child, a glob import and a path in a macro.
    let krate = Crate::load();
    let edges = krate.graph();
    let file = |rel: &str| {
        krate
            .files
            .iter()
            .position(|f| f.rel == rel)
            .unwrap_or_else(|| panic!("no {rel}"))
    };
    let has = |a: &str, b: &str| edges[file(a)].contains_key(&file(b));
    assert!(
        has("src/main.rs", "src/cli/mod.rs"),
        "followup:: in main.rs"
    );
    assert!(
        has("src/ics/mod.rs", "src/ics/writer.rs"),
        "pub use child::X"
    );
    assert!(
        has("src/policy/tests.rs", "src/policy/mod.rs"),
        "use super::*"
    );
    assert!(
        has("src/zone/vtimezone.rs", "src/ics/mod.rs"),
        "crate::ics::X"
    );
}

#[test]
fn cli_files_read_in_one_screen() {
    let dir = repo().join("src/cli");
    let mut files = Vec::new();
    rs_files(&dir, &mut files);
    assert!(!files.is_empty());
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let lines = std::fs::read_to_string(f).unwrap().lines().count();
            (lines > 150).then(|| format!("  {}: {lines} lines", f.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "files in src/cli over 150 lines (move the work into a flow):\n{}",
        long.join("\n")
    );
}

#[test]
fn architecture_md_matches_the_tree() {
    let root = repo();
    let doc = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    // Every backticked folder name (`model/`, `model/yaml/`, `src/io/`,
    // `docs/`) must exist, under src/ or at the root.
    let mut named = BTreeSet::new();
    for (k, span) in doc.split('`').enumerate() {
        let folder_like = span.ends_with('/')
            && span.len() > 1
            && span
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/' | '.'));
        if k % 2 == 1 && folder_like {
            named.insert(span.to_string());
        }
    }
    let missing: Vec<&String> = named
        .iter()
        .filter(|n| {
            let rel = n.strip_prefix("src/").unwrap_or(n);
            !root.join("src").join(rel).is_dir() && !root.join(n.as_str()).is_dir()
        })
        .collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names folders that do not exist: {missing:?}"
    );
    // Every folder of src/ is named: top-level ones as `name/`, folders
    // below them as `parent/name/` (with or without `src/`).
    let mut unnamed = Vec::new();
    let mut stack = vec![root.join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let p = entry.unwrap().path();
            if !p.is_dir() {
                continue;
            }
            stack.push(p.clone());
            let rel = format!("{}/", p.strip_prefix(root.join("src")).unwrap().display());
            let is_test_data = p.file_name().is_some_and(|n| n == "tests");
            if !is_test_data && !named.contains(&rel) && !named.contains(&format!("src/{rel}")) {
                unnamed.push(rel);
            }
        }
    }
    unnamed.sort();
    assert!(
        unnamed.is_empty(),
        "folders of src/ that ARCHITECTURE.md does not name (as `name/`): {unnamed:?}"
    );
}

/// The core's modules.
const CORE: &[&str] = &[
    "model", "calendar", "zone", "policy", "notes", "ics", "pipeline",
];

/// What the core may not name: std's doors to the outside, the clock, and
/// the crate's faces and I/O.
fn impure(segments: &[String], resolved: Option<&ModPath>) -> Option<String> {
    let s: Vec<&str> = segments.iter().map(String::as_str).collect();
    let joined = s.join("::");
    if let ["std", "fs" | "env" | "net" | "process", ..] = s.as_slice() {
        return Some(format!("{joined} (files, environment, network, processes)"));
    }
    if s.iter().any(|x| matches!(*x, "SystemTime" | "Instant"))
        || s.windows(2)
            .any(|w| matches!(w, ["Timestamp" | "Zoned", "now"]))
    {
        return Some(format!("{joined} (the clock: \"now\" comes in as a value)"));
    }
    if let Some(m) = resolved
        && let Some(first) = m.first()
        && matches!(first.as_str(), "io" | "cli" | "flows" | "serve")
    {
        return Some(format!(
            "{joined} (crate::{first}: the core imports no face and no I/O)"
        ));
    }
    None
}

#[test]
fn the_core_is_pure() {
    let krate = Crate::load();
    let mut problems = Vec::new();
    let mut checked = 0;
    for (i, f) in krate.files.iter().enumerate() {
        if !f.module.first().is_some_and(|m| CORE.contains(&m.as_str())) {
            continue;
        }
        for n in &krate.named[i] {
            if n.test {
                continue;
            }
            checked += 1;
            let resolved = krate.resolve(i, &n.scope, &n.segments).map(|(m, _)| m);
            if let Some(why) = impure(&n.segments, resolved.as_ref()) {
                problems.push(format!("  {}: {why}", f.rel));
            }
        }
    }
    assert!(checked > 100, "only {checked} paths checked");
    assert!(
        problems.is_empty(),
        "the core (src/{{{}}}) must stay pure (test code under #[cfg(test)] may read fixtures):\n{}",
        CORE.join(","),
        problems.join("\n")
    );
}

#[test]
fn purity_rules_catch_what_they_name() {
    let v = |s: &str| s.split("::").map(String::from).collect::<Vec<_>>();
    assert!(impure(&v("std::fs::read"), None).is_some());
    assert!(impure(&v("std::env::var_os"), None).is_some());
    assert!(impure(&v("std::time::Instant"), None).is_some());
    assert!(impure(&v("jiff::Timestamp::now"), None).is_some());
    assert!(impure(&v("crate::io::read"), Some(&vec!["io".to_string()])).is_some());
    assert!(impure(&v("std::fmt::Write"), None).is_none());
    assert!(impure(&v("jiff::Timestamp::from_second"), None).is_none());
}

/// What each outer layer may name of the crate's top-level modules.
const LAYERS: &[(&str, &[&str])] = &[
    // The command line: arguments into one flow call; `error` for exit
    // codes and rendering, `io` for standard streams and the clock, `serve`
    // to start the HTTP face.
    ("cli", &["cli", "flows", "error", "io", "serve"]),
    // The flows: everything but the faces (`push`, the delivery clients,
    // included: `flows::push` drives them).
    (
        "flows",
        &[
            "flows", "pipeline", "model", "calendar", "zone", "policy", "notes", "ics", "error",
            "io", "push",
        ],
    ),
    // The HTTP face: the feed flow, the renderer, the clock and stdout.
    ("serve", &["serve", "flows", "error", "io"]),
];

#[test]
fn faces_and_flows_keep_to_their_layers() {
    let krate = Crate::load();
    let mut problems = Vec::new();
    for (i, f) in krate.files.iter().enumerate() {
        let Some((layer, allowed)) = LAYERS
            .iter()
            .find(|(layer, _)| f.module.first().is_some_and(|m| m == layer))
        else {
            continue;
        };
        for n in &krate.named[i] {
            let Some((at, _)) = krate.resolve(i, &n.scope, &n.segments) else {
                continue;
            };
            if let Some(top) = at.first()
                && !allowed.contains(&top.as_str())
            {
                problems.push(format!(
                    "  {}: names `{}` ({layer} may name only {})",
                    f.rel,
                    n.segments.join("::"),
                    allowed.join(", ")
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "layers crossed (see ARCHITECTURE.md):\n{}",
        problems.join("\n")
    );
}
