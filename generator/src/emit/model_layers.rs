//! A version's models, split into crates in layers where they are large.
//!
//! One crate of all a version's models is one rustc: for a crate of
//! beta's size (a stand-in of 2.4 times v1.0's pages) `cargo check` of its
//! models alone peaked at 2.9 GiB, near the 3 GiB budget. Split in layers,
//! each crate holds the types that refer only to types in it or below, and
//! rustc holds one layer at a time.
//!
//! Where a file goes comes from what the printed files refer to
//! (`super::Name`), not from the schema, so a reference an emitter adds is
//! followed without this module knowing of it. Files that refer to each
//! other (a user's `manager` is a directory object, whose derived types
//! include the user) stay together: the layers are cut between the
//! strongly connected sets of files, by their depth (the longest chain of
//! references below them). A depth, not a running size, decides the cut:
//! a description edited leaves every file in its layer, so the layers'
//! crates change only where the references do.

/// Above this many bytes of a version's models, they are split: about
/// 6 MB of printed Rust per layer. v1.0's 9.7 MB gives two; beta's size,
/// four.
pub const LAYER_BYTES: usize = 6_000_000;

/// The names a printed Rust file refers to as `super::Name`, in order.
pub(super) fn references(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("super::").filter_map(move |(at, m)| {
        let rest = &text[at + m.len()..];
        let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
        // `super::super::x`, `super::{a, b}` and the like name no item here.
        (end > 0).then(|| &rest[..end])
    })
}

/// The layer of each file (0 the lowest) and how many layers there are.
/// `files[i]` is (the files file `i` refers to, its size in bytes);
/// references outside the list are left out by the caller. `layer_bytes`
/// is the size a layer aims at: fewer bytes than that in all, one layer.
pub(super) fn layers(files: &[(Vec<usize>, usize)], layer_bytes: usize) -> (Vec<usize>, usize) {
    let total: usize = files.iter().map(|(_, bytes)| bytes).sum();
    let wanted = total.div_ceil(layer_bytes.max(1)).max(1);
    if wanted == 1 {
        return (vec![0; files.len()], 1);
    }
    let (component, depth_of_component) = components_by_depth(files);
    let depth: Vec<usize> = component.iter().map(|&c| depth_of_component[c]).collect();
    let deepest = depth.iter().copied().max().unwrap_or(0);
    let mut bytes_at = vec![0usize; deepest + 1];
    for (&d, (_, bytes)) in depth.iter().zip(files) {
        bytes_at[d] += bytes;
    }
    // A depth goes to the layer its first byte falls in, of `wanted`
    // equal shares; layers no depth starts in are left out.
    let mut layer_at = Vec::with_capacity(bytes_at.len());
    let mut below = 0usize;
    for bytes in &bytes_at {
        layer_at.push(below * wanted / total.max(1));
        below += bytes;
    }
    let mut used: Vec<usize> = layer_at.clone();
    used.dedup();
    let renumber = |l: usize| used.iter().position(|&u| u == l).unwrap_or(0);
    (depth.iter().map(|&d| renumber(layer_at[d])).collect(), used.len())
}

/// Each file's strongly connected set (Tarjan's algorithm, without
/// recursion: a long chain of references must not exhaust a stack), and
/// each set's depth: 0 where it refers to no other set, else one more than
/// the deepest set it refers to.
fn components_by_depth(files: &[(Vec<usize>, usize)]) -> (Vec<usize>, Vec<usize>) {
    const UNSEEN: usize = usize::MAX;
    let n = files.len();
    let (mut index, mut low, mut component) = (vec![UNSEEN; n], vec![0; n], vec![UNSEEN; n]);
    let mut on_stack = vec![false; n];
    let (mut stack, mut depth_of) = (Vec::new(), Vec::new());
    let mut next = 0;
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // (file, how many of its references are walked)
        let mut walk = vec![(root, 0usize)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&(v, walked)) = walk.last() {
            if let Some(&w) = files[v].0.get(walked) {
                if let Some(top) = walk.last_mut() {
                    top.1 += 1;
                }
                if index[w] == UNSEEN {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    walk.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            walk.pop();
            if let Some(&(parent, _)) = walk.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                // A set completes after every set it refers to.
                let c = depth_of.len();
                let mut members = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = c;
                    members.push(w);
                    if w == v {
                        break;
                    }
                }
                let below = members.iter().flat_map(|&m| &files[m].0).filter(|&&w| component[w] != c).map(|&w| depth_of[component[w]] + 1);
                depth_of.push(below.max().unwrap_or(0));
            }
        }
    }
    (component, depth_of)
}

#[cfg(test)]
mod tests {
    use super::{layers, references};

    #[test]
    fn references_are_the_names_after_super() {
        let cases: [(&str, &[&str]); 5] = [
            ("pub a: Field<super::User>,", &["User"]),
            ("Vec<super::AnyDirectoryObject>, super::Ünï_1>", &["AnyDirectoryObject", "Ünï_1"]),
            ("use super::{A, B};", &[]),
            // Not one of the version's types: the caller leaves such names out.
            ("super::super::X", &["super", "X"]),
            ("no reference; super", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(references(text).collect::<Vec<_>>(), want, "{text}");
        }
    }

    #[test]
    fn layers_are_cut_between_depths_and_keep_cycles_together() {
        // (references and bytes of each file, layer bytes, layers wanted)
        type Files<'a> = &'a [(&'a [usize], usize)];
        let cases: [(Files, usize, &[usize]); 6] = [
            // Small: one layer.
            (&[(&[1], 10), (&[], 10)], 100, &[0, 0]),
            // A chain 2 → 1 → 0 of equal files in three layers.
            (&[(&[], 10), (&[0], 10), (&[1], 10)], 10, &[0, 1, 2]),
            // A cycle 1 ⇄ 2 above 0 stays in one layer.
            (&[(&[], 10), (&[0, 2], 10), (&[1], 10)], 10, &[0, 1, 1]),
            // One depth holds most bytes: the layers it spans are left out.
            (&[(&[], 1), (&[0], 100), (&[1], 1)], 10, &[0, 0, 1]),
            // A file referring to itself is a depth-0 file.
            (&[(&[0], 10), (&[0], 10)], 10, &[0, 1]),
            // Nothing at all.
            (&[], 10, &[]),
        ];
        for (files, layer_bytes, want) in cases {
            let files: Vec<(Vec<usize>, usize)> = files.iter().map(|(r, b)| (r.to_vec(), *b)).collect();
            let (got, count) = layers(&files, layer_bytes);
            assert_eq!(got, want, "{files:?}");
            assert_eq!(count, want.iter().max().map_or(1, |m| m + 1), "{files:?}");
            // Every reference goes to the same layer or one below.
            for (i, (refs, _)) in files.iter().enumerate() {
                assert!(refs.iter().all(|&r| got[r] <= got[i]), "{files:?}: {got:?}");
            }
        }
    }

    #[test]
    fn a_long_chain_needs_no_deep_stack() {
        let files: Vec<(Vec<usize>, usize)> = (0..200_000).map(|i| (if i == 0 { vec![] } else { vec![i - 1] }, 1)).collect();
        let (got, count) = layers(&files, 50_000);
        assert_eq!(count, 4);
        assert_eq!((got[0], got[49_999], got[50_000], got[199_999]), (0, 0, 1, 3));
    }
}
