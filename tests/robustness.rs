//! The generator never panics on input: every docs-input page cut short at
//! many points, and pages built to be awkward, go through parse, schema and
//! emit (which would panic if it ever printed invalid Rust).

use graphgen_tests::docs_input;

fn pipeline(pages: &[(String, String)]) {
    let results: Vec<_> = pages.iter().map(|(name, text)| graphgen::read_page_text(name, text, None)).collect();
    let schema = graphgen::build(&results);
    let _ = graphgen::emit_crate(&schema, &Default::default());
}

fn all_pages() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![docs_input()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.display().to_string(), std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn pages_cut_short_anywhere() {
    for (name, text) in all_pages() {
        let cuts: Vec<usize> = (1..40).map(|i| text.len() * i / 40).filter(|&c| text.is_char_boundary(c)).collect();
        for cut in cuts {
            pipeline(&[(name.clone(), text[..cut].to_owned())]);
        }
    }
}

#[test]
fn awkward_pages() {
    let awkward = [
        "",
        "\0\0\0",
        "---\n",
        "---\ntitle: x\n",
        "# \n## HTTP request\n```http\nGET\n```\n",
        "# type resource type\nNamespace: microsoft.graph\n## Properties\n|Property|Type|Description|\n|--|--|--|\n|type|type|x|\n|self|String||\n|ÄÖ|String||\n|@odata.type|String||\n|3d|Int32||\n|odataType|String||\n",
        "# 🙂 action\n## HTTP request\n```http\nPOST /a/{🙂}/b('{x}')/c:/{p}:/d\n```\n## Request body\n|Property|Type|Description|\n|--|--|--|\n|self|Boolean||\n## Example\n```http\nPOST https://graph.microsoft.com/v1.0/a/1/b('x')/c:/p:/d\n\n{\"self\": tru\n```\n",
        "Update x\nNamespace: microsoft.graph\nHTTP Request\nPATCH /x/{id}\nExample\nRequest\nPATCH https://graph.microsoft.com/beta/x/1\n{\n\"a\": [1, {\n",
        "Namespace: microsoft.graph\nProperty |\nType |\nDescription |\nname |\n|\n",
        "Property Type Description\nid\n",
        "# e enum type\n## Members\n|Member|Value|Description|\n|--|--|--|\n|Other|x||\n|other|1||\n|1st|2||\n",
        "# r resource type\n<!-- { \"blockType\": \"resource\", \"@odata.type\": 5 } -->\n```json\n{\"a\": }\n```\n",
    ];
    let pages: Vec<(String, String)> = awkward.iter().enumerate().map(|(i, t)| (format!("awkward-{i}.md"), t.to_string())).collect();
    for page in &pages {
        pipeline(std::slice::from_ref(page));
    }
    pipeline(&pages);
}
