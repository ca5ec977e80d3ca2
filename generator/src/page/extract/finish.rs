//! Gathered blocks → the page model: its kind and API version, then its
//! operation (paths, parameters, the response, examples) or its resource.

use super::*;

impl Extractor<'_> {
    pub(super) fn finish(&mut self, parsed: &ParsedPage, g: Gathered, title: Option<(String, usize)>, version: VersionHint) -> PageModel {
        let fm = &parsed.front_matter;
        let title_text = title.as_ref().map(|(t, _)| t.clone()).or_else(|| fm.get("title").cloned());
        let description =
            g.preamble.iter().map(|(t, _)| t.as_str()).find(|t| !is_boilerplate(t)).map(str::to_owned).or_else(|| fm.get("description").cloned());
        let lower_title = title_text.as_deref().unwrap_or("").to_ascii_lowercase();
        let doc_type = fm.get("doc_type").map(String::as_str).unwrap_or("");
        let kind = self.kind(doc_type, &lower_title, &g);
        let (api_version, api_version_from) = self.api_version(&g, version);
        let workload = workload(fm, self.file);
        let mut model = PageModel {
            file: self.file.to_owned(),
            shape: parsed.shape,
            kind,
            title: title_text,
            title_inferred: false,
            namespace: self.namespace.clone(),
            api_version,
            api_version_from,
            workload,
            description,
            operation: None,
            resource: None,
            enums: g.value_enums.clone(),
        };
        match kind {
            PageKind::Operation => self.finish_operation(&mut model, g, title.as_ref().map(|(_, line)| *line)),
            PageKind::Resource => self.finish_resource(&mut model, g),
            PageKind::Enum => {
                // A page of several enums ("X values" tables) names each in its heading.
                let name = lower_title_name(model.title.as_deref(), " enum type");
                match name {
                    Some(name) => model.enums.insert(0, EnumDef { name: self.qualify(&name), members: g.members, line: g.members_line }),
                    None if !model.enums.is_empty() && g.members.is_empty() => {}
                    None => self.sink.error(g.members_line.max(1), "enum-name-missing", "expected a title `X enum type` naming the enum of this Members table"),
                }
            }
            PageKind::Other if !g.paths.is_empty() => self.sink.warning(
                g.paths[0].line,
                "page-conceptual",
                format!(
                    "the page is conceptual (doc_type conceptualPageType): its request lines ({}) show operations that reference pages document, so no operation is made of them",
                    g.paths.iter().map(|p| format!("{} {}", p.method.as_str(), p.path)).collect::<Vec<_>>().join(", ")
                ),
            ),
            // An overview, or a page too broken to tell: either way, said.
            PageKind::Other => self.sink.warning(title.as_ref().map_or(1, |(_, line)| *line), "page-not-generated", format!(
                "expected an operation (request lines), a resource (`X resource type` or a Properties table) or an enum (a Members table); found none, so nothing is generated from this page{}",
                fm.get("doc_type").map(|d| format!(" (its doc_type is {d})")).unwrap_or_default()
            )),
        }
        model
    }

    /// The page's kind: what its H1 says first ("X resource type", "X enum
    /// type"), then what it holds (request lines, members, a resource's
    /// JSON), then the front matter's doc_type. A doc_type that contradicts
    /// the page is a fault of the page, and said.
    fn kind(&mut self, doc_type: &str, lower_title: &str, g: &Gathered) -> PageKind {
        let kind = if lower_title.ends_with(" resource type") {
            PageKind::Resource
        } else if lower_title.ends_with(" enum type") || (!g.value_enums.is_empty() && g.paths.is_empty() && g.properties.is_empty()) {
            PageKind::Enum
        } else if self.conceptual {
            // An overview's request lines show operations that reference
            // pages document; it is no operation of its own.
            PageKind::Other
        } else if !g.paths.is_empty() {
            PageKind::Operation
        } else if !g.members.is_empty() {
            PageKind::Enum
        } else if g.resource_json.is_some() || !g.properties.is_empty() {
            PageKind::Resource
        } else {
            match doc_type {
                "apiPageType" => PageKind::Operation,
                "enumPageType" => PageKind::Enum,
                // A resource page with no resource in it (an overview) is not one.
                _ => PageKind::Other,
            }
        };
        let declared = match doc_type {
            "apiPageType" => Some(PageKind::Operation),
            "resourcePageType" => Some(PageKind::Resource),
            "enumPageType" => Some(PageKind::Enum),
            _ => None,
        };
        if declared.is_some_and(|d| d != kind) {
            self.sink.warning(
                1,
                "doc-type-mismatch",
                format!(
                    "the front matter says doc_type {doc_type}, but the page reads as {kind:?} (by its title and sections); it is read as {kind:?}"
                ),
            );
        }
        kind
    }

    /// The page's API version: the flag's; else its /beta note's (the
    /// page's own statement about all of it); else its folder's (in a docs
    /// checkout the folder is what publishes a page as one version or the
    /// other); else what its example URLs name; else left to the corpus
    /// (`VersionFrom::Corpus`, resolved once every page is read). Example
    /// URLs are copied from page to page and drift: a v1.0 page whose
    /// example still calls /beta is v1.0 (workbook, driveItem restore). A
    /// page whose statement contradicts its folder says so.
    fn api_version(&mut self, g: &Gathered, hint: VersionHint) -> (ApiVersion, VersionFrom) {
        if let Some(v) = hint.flag {
            return (v, VersionFrom::Flag);
        }
        let note_beta = g.preamble.iter().find(|(t, _)| t.contains("/beta version"));
        let url_beta = g.url_versions.iter().find(|(v, _)| *v == "beta");
        let url_v1 = g.url_versions.iter().find(|(v, _)| *v == "v1.0");
        let by_urls = match (url_beta, url_v1) {
            (Some((_, line)), None) => Some((ApiVersion::Beta, *line)),
            (_, Some((_, line))) => Some((ApiVersion::V1_0, *line)),
            (None, None) => None,
        };
        let mut contradicts = |line: usize, stated: ApiVersion, what: &str, folder: ApiVersion, taken: ApiVersion| {
            self.sink.warning(
                line,
                "api-version-folder-mismatch",
                format!("{what} {} here, but the page is in a {} folder; it is taken as {}", stated.as_str(), folder.as_str(), taken.as_str()),
            );
        };
        let taken = match (note_beta, hint.folder, by_urls) {
            (Some((_, line)), folder, _) => {
                if let Some(folder) = folder.filter(|f| *f != ApiVersion::Beta) {
                    contradicts(*line, ApiVersion::Beta, "the page's note states", folder, ApiVersion::Beta);
                }
                (ApiVersion::Beta, VersionFrom::Page)
            }
            (None, Some(folder), urls) => {
                if let Some((stated, line)) = urls.filter(|(v, _)| *v != folder) {
                    contradicts(line, stated, "the example URLs name", folder, folder);
                }
                (folder, VersionFrom::Folder)
            }
            (None, None, Some((stated, _))) => (stated, VersionFrom::Page),
            (None, None, None) => (ApiVersion::V1_0, VersionFrom::Corpus),
        };
        if let (Some(b), Some(v)) = (url_beta, url_v1) {
            self.sink.warning(
                b.1.max(v.1),
                "api-version-mixed",
                format!("example URLs name both beta (line {}) and v1.0 (line {}); the page is taken as {}", b.1, v.1, taken.0.as_str()),
            );
        }
        taken
    }

    fn finish_operation(&mut self, model: &mut PageModel, mut g: Gathered, title_line: Option<usize>) {
        // A page may take several methods (one per path); the schema makes
        // an operation of each.
        let method = g.paths.first().map(|p| p.method);
        let body_text = g.body_text.to_ascii_lowercase();
        // Only a function (GET) takes arguments in its URL; a table under
        // the Request body of a POST, PATCH or PUT is the body.
        let is_function = method == Some(Method::Get);
        let url_parameters_in_body = is_function && body_text.contains("request url");
        let (request_body, mut url_parameters) = if url_parameters_in_body {
            (None, g.body_properties)
        } else if let Some(c) = BODY_RESOURCE.captures(&g.body_text) {
            let type_ref = type_expr::parse(&c[1], &self.namespace);
            (Some(RequestBody { type_ref, properties: g.body_properties, line: g.body_line }), Vec::new())
        } else if !g.body_properties.is_empty() {
            (Some(RequestBody { type_ref: None, properties: g.body_properties, line: g.body_line }), Vec::new())
        } else {
            (None, Vec::new())
        };
        url_parameters.extend(g.url_parameters);
        // A "Path parameters" row that is no placeholder of the paths is a
        // function's argument (`range/cell` takes `row` and `column`).
        let placeholders: Vec<String> = g.paths.iter().flat_map(|p| p.template.params().map(placeholder_key)).collect();
        url_parameters.extend(g.path_parameters.into_iter().filter(|p| !placeholders.contains(&placeholder_key(&p.name))));
        let query_parameters = query_parameters(&g.paths, g.query_parameters);
        // A parameter the paths write in the query is not a function's.
        url_parameters.retain(|p| !query_parameters.iter().any(|q| q.name.eq_ignore_ascii_case(&p.name)));
        // Only a function (GET) takes URL arguments. The parameters of an
        // action (POST) are its body; where its paths write them
        // (`resizedRange(deltaRows={n}, ...)`), they are the paths' fields.
        let written_in_paths = g.paths.iter().all(|p| p.template.has_inline_args());
        let mut request_body = request_body;
        if !is_function && !url_parameters.is_empty() && !written_in_paths {
            let line = url_parameters[0].line;
            match request_body {
                None if method == Some(Method::Post) => request_body = Some(RequestBody { type_ref: None, properties: std::mem::take(&mut url_parameters), line }),
                _ => self.sink.warning(line, "parameters-not-url", format!(
                    "expected URL arguments only on a function (GET) and parameters in a body only on an action (POST) without another body; the parameters of this {} operation are not used", method.map_or("", Method::as_str)
                )),
            }
        }
        if !is_function {
            url_parameters.clear();
        }
        let argument_sets = self.stand_in_arguments(&mut g.paths, &url_parameters);
        self.example_paths(&mut g.paths, &g.examples);
        let example_success =
            g.response_shown.into_iter().chain(g.examples.iter().filter_map(|e| e.response.as_ref()?.status)).find(|s| (200..400).contains(s));
        let response = self.response(&g.response_text, g.response_line, example_success);
        let lists = method == Some(Method::Get) && response.as_ref().and_then(|r| r.type_ref.as_ref()).is_some_and(|t| t.collection);
        let counted = if lists { counted(&g.paths, &g.examples) } else { Vec::new() };
        if g.permissions.is_none() {
            for (line, why) in &g.includes_without_table {
                self.sink.warning(
                    *line,
                    "include-unreadable",
                    format!("expected the permissions table this line includes; {why}; the permissions are unknown"),
                );
            }
            if g.includes_without_table.is_empty() {
                self.sink.warning(1, "permissions-missing", "expected a permissions table (Permission type | Permissions) on this operation page");
            }
        }
        if model.title.is_none() {
            let object = request_body
                .as_ref()
                .and_then(|b| b.type_ref.as_ref())
                .or(response.as_ref().and_then(|r| r.type_ref.as_ref()))
                .filter(|t| !t.is_primitive())
                .map(|t| t.name.rsplit('.').next().unwrap_or("").to_owned())
                .or_else(|| model.description.as_deref().and_then(|d| CAMEL_WORD.find(d)).map(|m| m.as_str().to_owned()));
            let collection = response.as_ref().and_then(|r| r.type_ref.as_ref()).is_some_and(|t| t.collection);
            let verb = method.unwrap_or(Method::Get).verb(collection);
            if let Some(object) = object {
                model.title = Some(format!("{verb} {object}"));
                model.title_inferred = true;
            } else {
                self.sink.warning(
                    1,
                    "title-missing",
                    "expected a title line before `Namespace:`; none could be inferred from the method and description",
                );
            }
        }
        if g.paths.is_empty() {
            // Where the request lines should be: the section, else the title.
            let line = g.http_request_line.or(title_line).unwrap_or(1);
            self.sink.error(line, "request-missing", "expected at least one request line (`METHOD /path`) in the HTTP request section");
        }
        // A page laid out as requests and one response, with no examples
        // of its own (the OneDrive pages): each request line is an example
        // request answered by that response, whatever the page's shape.
        let mut examples = g.examples;
        if let (true, Some(response)) = (examples.is_empty(), g.response_block) {
            for p in &g.paths {
                let request = http::HttpRequest { method: p.method, url: p.path.clone(), headers: Vec::new(), body: None, line: p.line };
                examples.push(Example { request: Some(request), response: Some(response.clone()) });
            }
        }
        model.operation = Some(Operation {
            method,
            paths: g.paths,
            permissions: g.permissions.unwrap_or_default(),
            request_headers: g.headers,
            request_body,
            url_parameters,
            query_parameters,
            response,
            examples,
            counted,
            argument_sets,
        });
    }

    /// A function's syntax paths that write values for the parameters its
    /// table declares (`columnsAfter(count=n)`) call it with the caller's:
    /// the path is the name alone, and paths alike but for those values
    /// are one.
    ///
    /// Returns the sets of arguments the lines write (`Operation::argument_sets`).
    fn stand_in_arguments(&mut self, paths: &mut Vec<RequestPath>, parameters: &[Property]) -> Vec<Vec<String>> {
        if parameters.is_empty() {
            return Vec::new();
        }
        let declared: Vec<&str> = parameters.iter().map(|p| p.name.as_str()).collect();
        let mut kept: Vec<RequestPath> = Vec::with_capacity(paths.len());
        // Per path as kept, the sets its lines write (a bare line none).
        let mut sets: Vec<(usize, Vec<usize>)> = Vec::new();
        for mut p in paths.drain(..) {
            let mut written = Vec::new();
            if let Some((bare, args)) = request_paths::without_stand_in_arguments(&p.path, &declared) {
                self.sink.warning(
                    p.line,
                    "path-arguments-as-values",
                    format!(
                        "the path `{}` writes values where the function's arguments go, for parameters its table declares ({}); they are read as the caller's, and the path as `{bare}`",
                        p.path,
                        declared.join(", ")
                    ),
                );
                p.template = crate::template::PathTemplate::parse(&bare);
                p.path = bare;
                written = args;
            }
            let at = kept.iter().position(|k| k.method == p.method && k.path == p.path).unwrap_or_else(|| {
                kept.push(p);
                kept.len() - 1
            });
            sets.push((at, written));
        }
        *paths = kept;
        argument_sets(&sets, &declared)
    }

    /// An example that calls a documented path with a type cast after it
    /// (`/groups/{id}/members/microsoft.graph.user`), or a documented
    /// `/users/{key}` path through `/me`, documents that path too: it is
    /// added to the operation's, and said.
    fn example_paths(&mut self, paths: &mut Vec<RequestPath>, examples: &[Example]) {
        for request in examples.iter().filter_map(|e| e.request.as_ref()) {
            let documented: Vec<&crate::template::PathTemplate> = paths.iter().filter(|p| p.method == request.method).map(|p| &p.template).collect();
            // A count's collection is a path too (`/me/ownedObjects/$count`).
            let example = split_url(&request.url).1;
            let example = request_paths::counted_collection(example).unwrap_or(example);
            let found = request_paths::example_cast(example, &documented, &self.namespace)
                .map(|path| (path, "a type cast of a documented path"))
                .or_else(|| {
                    request_paths::example_me_alias(example, &documented)
                        .map(|path| (path, "a documented `/users/{key}` path through the `/me` alias"))
                });
            let Some((path, what)) = found else { continue };
            if paths.iter().any(|p| p.method == request.method && p.path.eq_ignore_ascii_case(&path)) {
                continue;
            }
            self.sink.warning(
                request.line,
                "path-from-example",
                format!("the example calls `{path}`, {what} that no syntax line gives; it is added to the operation's paths"),
            );
            let template = crate::template::PathTemplate::parse(&path);
            paths.push(RequestPath { method: request.method, path, line: request.line, template });
        }
    }

    /// The Response section: its status and type. The prose names the
    /// success status in the template's sentence ("If successful, this
    /// method returns a `302 Found`"), and sometimes failures beside it ("a
    /// `507 Insufficient Storage` response will be returned"). The status is
    /// that sentence's; else the first success or redirect the prose names;
    /// else the one an example's status line shows; else the first named.
    fn response(&mut self, text: &str, line: usize, example_success: Option<u16>) -> Option<ResponseSpec> {
        if text.is_empty() {
            return None;
        }
        let text = text.replace('`', "");
        let statuses = |t: &str| STATUS.captures_iter(t).filter_map(|c| c[1].parse().ok()).collect::<Vec<u16>>();
        let in_success_sentence = text.split(". ").filter(|s| s.to_ascii_lowercase().contains("success")).find_map(|s| statuses(s).first().copied());
        let all = statuses(&text);
        let status = in_success_sentence.or(all.iter().copied().find(|s| (200..400).contains(s))).or(example_success).or(all.first().copied());
        let Some(status) = status else {
            self.sink.warning(line, "response-status-missing", "expected a status code (`200 OK`) in the Response section");
            return None;
        };
        let named: Vec<TypeRef> = super::response_type::named(&text)
            .map(|(names, collection)| {
                names.iter().filter_map(|n| type_expr::parse(n, &self.namespace)).map(|t| TypeRef::new(t.name, collection)).collect()
            })
            .unwrap_or_default();
        let (type_ref, one_of) = match <[TypeRef; 1]>::try_from(named) {
            Ok([one]) => (Some(one), Vec::new()),
            Err(several) => (None, several),
        };
        Some(ResponseSpec { status, type_ref, one_of, line })
    }

    fn finish_resource(&mut self, model: &mut PageModel, g: Gathered) {
        let annotation = g.resource_json.as_ref().and_then(|(_, a)| a.clone()).unwrap_or_default();
        // Annotations name the type as `@odata.type`, some as `@type`.
        let annotated =
            ["@odata.type", "@type"].iter().find_map(|k| annotation.get(*k).and_then(|v| v.as_str())).map(|t| t.trim_start_matches('#').to_owned());
        let titled = lower_title_name(model.title.as_deref(), " resource type");
        let name = match (annotated, titled) {
            (Some(annotated), Some(titled)) => Some(with_word_humps(&annotated, &titled)),
            (annotated, titled) => annotated.or_else(|| titled.map(|n| self.qualify(&n))),
        };
        let Some(name) = name else {
            self.sink.error(1, "resource-name-missing", "expected a title `X resource type` or a resource annotation naming the type");
            return;
        };
        let said_derives = g.derives.iter().find(|(subject, _)| super::subject_is(subject, &name)).map(|(_, base)| base);
        let said = g.inherits.as_deref().or(said_derives.map(String::as_str)).map(|b| self.qualify(b));
        let annotated = annotation.get("baseType").and_then(|v| v.as_str()).map(|b| self.qualify(b));
        // What the page shows is what every shape reads: where the hidden
        // annotation names another base, the words come first, the
        // annotation kept for the schema to weigh (`Resource::annotated_base`).
        let (base_type, annotated_base) = match (annotated, said) {
            (Some(annotated), Some(said)) if !annotated.eq_ignore_ascii_case(&said) => (Some(said), Some(annotated)),
            (annotated, said) => (annotated.or(said), None),
        };
        let key = annotation.get("keyProperty").and_then(|v| v.as_str()).map(str::to_owned);
        let mut inherited_from: Vec<String> = Vec::new();
        for p in g.properties.iter().chain(&g.relationships) {
            for c in super::INHERITED_FROM.captures_iter(&p.description) {
                let name = self.qualify(&super::base_name(&c[1]));
                if !inherited_from.contains(&name) {
                    inherited_from.push(name);
                }
            }
        }
        let line = g.resource_json.as_ref().map_or(1, |(j, _)| j.line);
        model.resource = Some(Resource {
            name: self.qualify(&name),
            base_type,
            annotated_base,
            derived: g.derived,
            inherited_from,
            key,
            properties: g.properties,
            relationships: g.relationships,
            json: g.resource_json.map(|(j, _)| j),
            line,
        });
    }
}

/// The sets of arguments the request lines write (each line's `(path,
/// declared parameters written)`, the path as an index of the kept
/// paths), where the lines of one path write two sets: each set once (a
/// set written in another order is the same set), in the order first
/// written, named as `declared` names them. Paths whose lines write one
/// set say nothing of which arguments may be left out.
fn argument_sets(lines: &[(usize, Vec<usize>)], declared: &[&str]) -> Vec<Vec<String>> {
    let same_set = |a: &[usize], b: &[usize]| a.len() == b.len() && a.iter().all(|i| b.contains(i));
    let mut paths: Vec<usize> = lines.iter().map(|(p, _)| *p).collect();
    paths.sort_unstable();
    paths.dedup();
    let mut sets: Vec<&[usize]> = Vec::new();
    for path in paths {
        let here: Vec<&[usize]> = lines.iter().filter(|(p, _)| *p == path).map(|(_, w)| w.as_slice()).collect();
        if here.iter().any(|w| !same_set(w, here[0])) {
            for w in here {
                if !sets.iter().any(|s| same_set(s, w)) {
                    sets.push(w);
                }
            }
        }
    }
    sets.into_iter().map(|s| s.iter().map(|&i| declared[i].to_owned()).collect()).collect()
}

/// The paths of a listing whose `$count` an example calls
/// (`/users/$count`), in the paths' order (each once: `add_path` keeps
/// one of each method and path).
fn counted(paths: &[RequestPath], examples: &[Example]) -> Vec<String> {
    let counts: Vec<&str> = examples.iter().filter_map(|e| request_paths::counted_collection(split_url(&e.request.as_ref()?.url).1)).collect();
    paths.iter().filter(|p| p.method == Method::Get && counts.iter().any(|c| p.template.match_path(c).is_some())).map(|p| p.path.clone()).collect()
}

/// An operation's query parameters: those its request paths write with a
/// placeholder, required, in the order written; then the others its
/// Query parameters table lists, optional. A written one takes its row's
/// type and description (names matched ignoring case and emphasis:
/// `_format_` is `format`).
fn query_parameters(paths: &[RequestPath], rows: Vec<Property>) -> Vec<QueryParameter> {
    let bare = |n: &str| n.trim_matches(['_', '`', '*']).to_owned();
    let same = |a: &str, b: &str| bare(a).eq_ignore_ascii_case(&bare(b));
    let mut out: Vec<QueryParameter> = Vec::new();
    for p in paths {
        for name in request_paths::placeholder_query(&p.path) {
            if !out.iter().any(|q| same(&q.name, name)) {
                out.push(QueryParameter { name: name.to_owned(), type_ref: None, description: String::new(), required: true, line: p.line });
            }
        }
    }
    for row in rows {
        match out.iter_mut().find(|q| same(&q.name, &row.name)) {
            Some(q) => {
                if q.type_ref.is_none() {
                    q.type_ref = Some(row.type_ref);
                    q.description = row.description;
                }
            }
            None => out.push(QueryParameter {
                name: bare(&row.name),
                type_ref: Some(row.type_ref),
                description: row.description,
                required: false,
                line: row.line,
            }),
        }
    }
    out
}

/// A placeholder's name as tables write it too: `{item-id}` is `item-id`,
/// `itemId` or `item_id`; `{id | userPrincipalName}` is its first name.
fn placeholder_key(name: &str) -> String {
    let first = name.split('|').next().unwrap_or(name);
    first.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The page's area: `ms.prod` (or the newer `ms.subservice`), refined by the
/// file-name prefix pages of a large area share (`intune-deviceconfig-*.md`
/// → `intune-deviceconfig`).
fn workload(front_matter: &std::collections::BTreeMap<String, String>, file: &str) -> Option<String> {
    let prod = front_matter.get("ms.prod").or_else(|| front_matter.get("ms.subservice"))?;
    let prod: String = prod.trim().trim_matches('\'').to_ascii_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    if prod.is_empty() {
        return None;
    }
    let stem = file.rsplit('/').next().unwrap_or(file);
    let mut parts = stem.split('-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(first), Some(area), Some(_)) if first == prod && area.chars().all(|c| c.is_ascii_alphanumeric()) => Some(format!("{prod}-{area}")),
        _ => Some(prod),
    }
}

/// The annotation's name for the page's type, spelt with the word humps
/// of its title where the annotation has none and the two are one name
/// (`microsoft.graph.orgcontact` titled "orgContact resource type" is
/// `microsoft.graph.orgContact`, so `OrgContact` in Rust): Graph's names
/// are camel case, and a name in lower case has lost where its words
/// begin. The annotation's namespace and first letter stay.
fn with_word_humps(annotated: &str, titled: &str) -> String {
    let (namespace, own) = annotated.rsplit_once('.').map_or(("", annotated), |(n, o)| (n, o));
    let humps = |name: &str| name.chars().skip(1).any(|c| c.is_ascii_uppercase());
    if !own.eq_ignore_ascii_case(titled) || humps(own) || !humps(titled) {
        return annotated.to_owned();
    }
    let mut spelt: String = own.chars().take(1).collect();
    spelt.extend(titled.chars().skip(1));
    if namespace.is_empty() {
        spelt
    } else {
        format!("{namespace}.{spelt}")
    }
}

/// "deviceComplianceDeviceStatus resource type" → "deviceComplianceDeviceStatus".
fn lower_title_name(title: Option<&str>, suffix: &str) -> Option<String> {
    let t = title?.trim();
    let cut = t.len().checked_sub(suffix.len())?;
    (t.is_char_boundary(cut) && t[cut..].eq_ignore_ascii_case(suffix)).then(|| t[..cut].trim().to_owned()).filter(|n| !n.contains(' '))
}

/// The notes every page carries near its top, which are not its description.
fn is_boilerplate(text: &str) -> bool {
    let t = text.trim_start_matches(['*', '>', ' ']);
    ["Namespace:", "Note:", "Important:", "This API is available", "[!INCLUDE", "Inherits from", "Derived from", "Inherited from"]
        .iter()
        .any(|p| t.starts_with(p))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_lower_case_annotation_takes_the_word_humps_of_its_title() {
        // (the annotation's name, the title's, the type's name)
        let cases = [
            ("microsoft.graph.orgcontact", "orgContact", "microsoft.graph.orgContact"),
            ("microsoft.graph.orgcontact", "OrgContact", "microsoft.graph.orgContact"),
            // The annotation's humps are the name's: a title in Pascal case changes nothing.
            ("microsoft.graph.baseItem", "BaseItem", "microsoft.graph.baseItem"),
            ("microsoft.graph.sharepointIds", "SharePointIds", "microsoft.graph.sharepointIds"),
            // Another name, or a title without humps: the annotation's.
            ("microsoft.graph.workbookchart", "Chart", "microsoft.graph.workbookchart"),
            ("microsoft.graph.user", "user", "microsoft.graph.user"),
            ("microsoft.graph.callrecords.callrecord", "callRecord", "microsoft.graph.callrecords.callRecord"),
            ("élément", "éLément", "éLément"),
            ("orgcontact", "orgContact", "orgContact"),
        ];
        for (annotated, titled, want) in cases {
            assert_eq!(super::with_word_humps(annotated, titled), want, "{annotated} {titled}");
        }
    }

    #[test]
    fn an_argument_set_is_kept_where_the_lines_of_one_path_write_two() {
        let declared = ["height", "width", "mode"];
        // (each line's path and the declared parameters it writes, the sets)
        type Lines<'a> = &'a [(usize, &'a [usize])];
        let cases: &[(Lines, &[&[&str]])] = &[
            (&[(0, &[]), (0, &[1]), (0, &[1, 0])], &[&[], &["width"], &["width", "height"]]),
            // Two paths, each with the same sets: each set once.
            (&[(0, &[]), (1, &[]), (0, &[1]), (1, &[1])], &[&[], &["width"]]),
            // A set written in another order is the same set.
            (&[(0, &[0, 1]), (0, &[1, 0]), (0, &[0, 1, 2])], &[&["height", "width"], &["height", "width", "mode"]]),
            // One set per path says nothing, even where the paths differ
            // (a worksheet's range writes an address; a name's, none).
            (&[(0, &[0]), (1, &[])], &[]),
            (&[(0, &[0]), (0, &[0])], &[]),
            (&[], &[]),
            // Only the path whose lines differ gives its sets.
            (&[(0, &[0]), (1, &[]), (1, &[2])], &[&[], &["mode"]]),
        ];
        for (lines, want) in cases {
            let lines: Vec<(usize, Vec<usize>)> = lines.iter().map(|(p, w)| (*p, w.to_vec())).collect();
            let got = super::argument_sets(&lines, &declared);
            let want: Vec<Vec<String>> = want.iter().map(|s| s.iter().map(|n| n.to_string()).collect()).collect();
            assert_eq!(got, want, "{lines:?}");
        }
    }
}
