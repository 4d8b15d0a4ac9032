//! Points, rectangles and the segment tests the layout and its quality checks need.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }
}

/// An axis-aligned rectangle; `x`, `y` is the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

impl Rect {
    pub fn centered(center: Point, width: f32, height: f32) -> Self {
        Self { x: center.x - width / 2.0, y: center.y - height / 2.0, width, height }
    }

    pub fn right(&self) -> f32 {
        self.x + self.width
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.height
    }

    pub fn center(&self) -> Point {
        Point::new(self.x + self.width / 2.0, self.y + self.height / 2.0)
    }

    /// The same rectangle shrunk by `by` on every side (never below zero size).
    #[must_use]
    pub fn shrunk(&self, by: f32) -> Self {
        let width = (self.width - 2.0 * by).max(0.0);
        let height = (self.height - 2.0 * by).max(0.0);
        Self { x: self.x + by, y: self.y + by, width, height }
    }

    /// True when the interiors share some area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right() && other.x < self.right() && self.y < other.bottom() && other.y < self.bottom()
    }

    pub fn contains(&self, p: Point) -> bool {
        p.x > self.x && p.x < self.right() && p.y > self.y && p.y < self.bottom()
    }

    /// Mirrored about the vertical line `x = width / 2` of a drawing `width` wide.
    #[must_use]
    pub fn mirrored(&self, width: f32) -> Self {
        Self { x: width - self.right(), ..*self }
    }

    /// True when the segment `a`–`b` enters the rectangle's interior.
    pub fn hit_by(&self, a: Point, b: Point) -> bool {
        // Liang–Barsky clipping: the segment meets the open rectangle when the clipped span is non-empty.
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let mut t0 = 0.0_f32;
        let mut t1 = 1.0_f32;
        let sides = [(-dx, a.x - self.x), (dx, self.right() - a.x), (-dy, a.y - self.y), (dy, self.bottom() - a.y)];
        for (p, q) in sides {
            if p == 0.0 {
                if q <= 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
            }
        }
        t1 - t0 > 1e-6
    }
}

/// True when two segments cross at a single point inside both (touching ends and collinear overlaps do not count:
/// edges that merge into one line or meet at a shared port are not crossings a reader sees).
pub fn segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool {
    let orient = |p: Point, q: Point, r: Point| (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
    let (d1, d2) = (orient(c, d, a), orient(c, d, b));
    let (d3, d4) = (orient(a, b, c), orient(a, b, d));
    let eps = 1e-3;
    ((d1 > eps && d2 < -eps) || (d1 < -eps && d2 > eps)) && ((d3 > eps && d4 < -eps) || (d3 < -eps && d4 > eps))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_through_a_rect_hits_it_and_one_beside_it_does_not() {
        let r = Rect { x: 0.0, y: 0.0, width: 10.0, height: 10.0 };
        assert!(r.hit_by(Point::new(-5.0, 5.0), Point::new(15.0, 5.0)));
        assert!(!r.hit_by(Point::new(-5.0, 10.0), Point::new(15.0, 10.0)));
        assert!(!r.hit_by(Point::new(12.0, -5.0), Point::new(12.0, 15.0)));
        assert!(r.hit_by(Point::new(5.0, 5.0), Point::new(5.0, 6.0)));
    }

    #[test]
    fn crossing_needs_interiors() {
        let p = Point::new;
        assert!(segments_cross(p(0.0, 5.0), p(10.0, 5.0), p(5.0, 0.0), p(5.0, 10.0)));
        assert!(!segments_cross(p(0.0, 5.0), p(10.0, 5.0), p(5.0, 5.0), p(5.0, 10.0)));
        assert!(!segments_cross(p(0.0, 5.0), p(10.0, 5.0), p(2.0, 5.0), p(12.0, 5.0)));
    }
}
