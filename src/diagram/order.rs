//! The layered part of the layout: back-edges, ranks, dummy nodes and the order within each rank.

use std::collections::HashMap;

use crate::domain::workflow::Workflow;

/// The workflow as layers. Items `0..nodes` are the workflow's nodes in their order; items after that
/// are dummy nodes that carry long edges through the ranks in between.
pub struct Layers {
    pub rank: Vec<usize>,
    /// Items of each rank, in drawing order (left to right before mirroring).
    pub ranks: Vec<Vec<usize>>,
    /// Forward edges (workflow edge index, items from the upper end to the lower end).
    pub chains: Vec<(usize, Vec<usize>)>,
    /// Workflow edges that close a loop; they are routed around the side, not layered.
    pub back_edges: Vec<usize>,
    /// Each workflow edge's (from, to) node items.
    pub ends: Vec<(usize, usize)>,
}

impl Layers {
    /// `sweeps` barycentre sweeps (down, up, down, …): a fixed number keeps the result deterministic and fast.
    pub fn build(workflow: &Workflow, sweeps: usize) -> Self {
        let index: HashMap<&str, usize> = workflow.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
        let ends: Vec<(usize, usize)> = workflow
            .edges
            .iter()
            .map(|e| (index.get(e.from.as_str()).copied().unwrap_or(0), index.get(e.to.as_str()).copied().unwrap_or(0)))
            .collect();
        let real = workflow.nodes.len();
        let start = workflow.nodes.iter().position(|n| n.id == workflow.start().map_or("", |s| s.id.as_str())).unwrap_or(0);
        let back = back_edges(real, &ends, start);
        let rank = ranks(real, &ends, &back);
        let mut layers = Self { rank, ranks: Vec::new(), chains: Vec::new(), back_edges: Vec::new(), ends: ends.clone() };
        for (i, &(from, to)) in ends.iter().enumerate() {
            if back[i] {
                layers.back_edges.push(i);
            } else {
                layers.add_chain(i, from, to);
            }
        }
        layers.initial_order(start);
        layers.reduce_crossings(sweeps);
        layers.loops_outward();
        layers
    }

    pub fn items(&self) -> usize {
        self.rank.len()
    }

    /// True for the last item of its rank: nothing lies between it and the side where loops run.
    pub fn outermost(&self, item: usize) -> bool {
        self.ranks.get(self.rank[item]).and_then(|r| r.last()) == Some(&item)
    }

    fn add_chain(&mut self, edge: usize, from: usize, to: usize) {
        let mut items = vec![from];
        for r in self.rank[from] + 1..self.rank[to] {
            self.rank.push(r);
            items.push(self.rank.len() - 1);
        }
        items.push(to);
        self.chains.push((edge, items));
    }

    /// Pairs (upper, lower) of items in adjacent ranks.
    pub fn links(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.chains.iter().flat_map(|(_, items)| items.windows(2).map(|w| (w[0], w[1])))
    }

    /// Breadth-first from the start, following edges in their order: a reading order a person would draw.
    fn initial_order(&mut self, start: usize) {
        let mut next: Vec<Vec<usize>> = vec![Vec::new(); self.items()];
        for (a, b) in self.links() {
            next[a].push(b);
        }
        let depth = self.rank.iter().max().map_or(1, |m| m + 1);
        self.ranks = vec![Vec::new(); depth];
        let mut seen = vec![false; self.items()];
        let mut queue = std::collections::VecDeque::from([start]);
        seen[start] = true;
        let visit = |item: usize, ranks: &mut Vec<Vec<usize>>| ranks[self.rank[item]].push(item);
        while let Some(item) = queue.pop_front() {
            visit(item, &mut self.ranks);
            for &n in &next[item] {
                if !seen[n] {
                    seen[n] = true;
                    queue.push_back(n);
                }
            }
        }
        for (item, _) in seen.iter().enumerate().filter(|(_, s)| !**s) {
            visit(item, &mut self.ranks);
        }
    }

    fn reduce_crossings(&mut self, sweeps: usize) {
        let initial: Vec<usize> = self.positions();
        let (mut up, mut down) = (vec![Vec::new(); self.items()], vec![Vec::new(); self.items()]);
        for (a, b) in self.links() {
            down[a].push(b);
            up[b].push(a);
        }
        let mut best = (self.crossings(), self.ranks.clone());
        for sweep in 0..sweeps {
            if sweep % 2 == 0 {
                for r in 1..self.ranks.len() {
                    self.sort_rank(r, &up, &initial);
                }
            } else {
                for r in (0..self.ranks.len().saturating_sub(1)).rev() {
                    self.sort_rank(r, &down, &initial);
                }
            }
            let crossings = self.crossings();
            if crossings < best.0 {
                best = (crossings, self.ranks.clone());
            }
        }
        self.ranks = best.1;
    }

    /// Moves the ends of loops to the outer end of their rank when that costs fewer layer crossings
    /// than it saves: from inside the rank a loop's run to the side cuts the line of every item
    /// beyond it, from the outer end it leaves sideways and cuts none.
    fn loops_outward(&mut self) {
        let ends: Vec<usize> = self.back_edges.iter().flat_map(|&e| [self.ends[e].0, self.ends[e].1]).collect();
        for item in ends {
            let rank = self.rank[item];
            let beyond = self.ranks[rank].iter().rev().position(|&i| i == item).unwrap_or(0);
            let before = (self.crossings(), self.ranks[rank].clone());
            self.ranks[rank].retain(|&i| i != item);
            self.ranks[rank].push(item);
            if self.crossings() > before.0 + beyond.saturating_sub(1) {
                self.ranks[rank] = before.1;
            }
        }
    }

    fn positions(&self) -> Vec<usize> {
        let mut pos = vec![0; self.items()];
        for rank in &self.ranks {
            for (i, &item) in rank.iter().enumerate() {
                pos[item] = i;
            }
        }
        pos
    }

    /// Orders rank `r` by the mean position of each item's neighbours; items without neighbours keep
    /// their place, and equal means fall back to the initial order so the result never depends on sorting details.
    #[allow(clippy::cast_precision_loss)] // positions are small counts
    fn sort_rank(&mut self, r: usize, neighbours: &[Vec<usize>], initial: &[usize]) {
        let pos = self.positions();
        let mut keyed: Vec<(f32, usize, usize)> = self.ranks[r]
            .iter()
            .map(|&item| {
                let ns = &neighbours[item];
                let bary = if ns.is_empty() {
                    pos[item] as f32
                } else {
                    ns.iter().map(|&n| pos[n] as f32).sum::<f32>() / ns.len() as f32
                };
                (bary, initial[item], item)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        self.ranks[r] = keyed.into_iter().map(|k| k.2).collect();
    }

    /// Crossings between links of adjacent ranks (straight-line count, the quantity the sweeps minimise).
    pub fn crossings(&self) -> usize {
        let pos = self.positions();
        let links: Vec<(usize, usize)> = self.links().collect();
        let mut count = 0;
        for (i, &(a, b)) in links.iter().enumerate() {
            for &(c, d) in &links[i + 1..] {
                if self.rank[a] == self.rank[c] && (pos[a] < pos[c] && pos[b] > pos[d] || pos[a] > pos[c] && pos[b] < pos[d]) {
                    count += 1;
                }
            }
        }
        count
    }
}

/// Depth-first from the start (then from any node not yet seen, in node order): an edge into a node
/// still on the stack closes a loop and is marked as a back-edge.
fn back_edges(nodes: usize, ends: &[(usize, usize)], start: usize) -> Vec<bool> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); nodes];
    for (i, &(from, _)) in ends.iter().enumerate() {
        out[from].push(i);
    }
    let mut back = vec![false; ends.len()];
    // 0 = unseen, 1 = on the stack, 2 = done
    let mut state = vec![0_u8; nodes];
    for root in std::iter::once(start).chain(0..nodes) {
        if state[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0_usize)];
        state[root] = 1;
        while let Some(top) = stack.last_mut() {
            let node = top.0;
            if let Some(&edge) = out[node].get(top.1) {
                top.1 += 1;
                let to = ends[edge].1;
                match state[to] {
                    0 => {
                        state[to] = 1;
                        stack.push((to, 0));
                    }
                    1 => back[edge] = true,
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
    back
}

/// Longest path from the sources over the edges that are not back-edges (Kahn's order, ties by node order).
fn ranks(nodes: usize, ends: &[(usize, usize)], back: &[bool]) -> Vec<usize> {
    let forward: Vec<(usize, usize)> = ends.iter().zip(back).filter(|(_, b)| !**b).map(|(e, _)| *e).collect();
    let mut indegree = vec![0_usize; nodes];
    for &(_, to) in &forward {
        indegree[to] += 1;
    }
    let mut rank = vec![0; nodes];
    let mut ready: std::collections::BTreeSet<usize> = (0..nodes).filter(|&n| indegree[n] == 0).collect();
    while let Some(node) = ready.pop_first() {
        for &(from, to) in &forward {
            if from == node {
                rank[to] = rank[to].max(rank[node] + 1);
                indegree[to] -= 1;
                if indegree[to] == 0 {
                    ready.insert(to);
                }
            }
        }
    }
    rank
}
