"""Straightening a photo of a page: find the sheet's four corners and map it to a rectangle.

A phone photo shows the page as a light quadrilateral on a darker table, turned by any
angle and foreshortened; Tesseract reads such lines badly (they converge and slope), and
the skew search stops at 12 degrees. The page is found on a small copy (about 500 px on
the long side) with Pillow and plain Python: a threshold between paper and background, the
largest bright region, its convex outline reduced to four corners, each side refitted as a
straight line. It is only believed when it looks like a sheet lying in the picture: most
of the outline inside the frame, convex with sensible angles, solid, brighter than what
surrounds it on every side. A scan or a rendered PDF page (the paper fills the frame) and
a picture without a page are left exactly as they are.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageFilter

from evidence_pack.core.ocr.preprocess import ink_threshold

Point = tuple[float, float]
# Pillow's PERSPECTIVE coefficients (a..h): an output pixel (x, y) takes its value from
# ((a x + b y + c) / (g x + h y + 1), (d x + e y + f) / (g x + h y + 1)) in the input.
Coefficients = tuple[float, float, float, float, float, float, float, float]

_SMALL_SIDE = 500
# A believable page covers at least this share of the photo (a receipt across a room is
# not something to read) and is seen from no steeper than these corner angles.
_MIN_AREA = 0.12
_MIN_ANGLE, _MAX_ANGLE = 50.0, 130.0
# Opposite sides differ by at most this ratio (a steeper view leaves too few pixels on
# the far lines to read).
_MAX_SIDE_RATIO = 1.8
# The page may touch the frame along at most this share of its outline: a sheet cut off
# by the frame has a side that is the frame's, and mapping it as a corner would bend text.
_MAX_FRAME_CONTACT = 0.08
# Corners all within this share of the frame's corners: the paper fills the picture (a
# scan, a rendered page) and deskewing alone is what it needs.
_FILLS_FRAME = 0.03
# Drawn this far inside the found edges, so no strip of table is left along the page.
_INSET = 0.004


@dataclass(frozen=True)
class PageQuad:
    """The page's corners in the photo's pixels: top-left, top-right, bottom-right,
    bottom-left as the page will be read (a page turned past 45 degrees comes out sideways
    and is turned upright later by orientation detection)."""

    corners: tuple[Point, Point, Point, Point]

    def output_size(self) -> tuple[int, int]:
        """The straightened page's size: the longer of each pair of opposite sides, so the
        near half of a foreshortened page keeps the photo's resolution."""
        tl, tr, br, bl = self.corners
        width = max(_distance(tl, tr), _distance(bl, br))
        height = max(_distance(tl, bl), _distance(tr, br))
        return max(1, round(width)), max(1, round(height))


def find_page(grey: Image.Image) -> PageQuad | None:
    """The page's corners in a greyscale photo, or None when there is no page to
    straighten (no believable sheet, or the sheet already fills the frame)."""
    factor = max(1, math.ceil(max(grey.size) / _SMALL_SIDE))
    small = grey.reduce(factor) if factor > 1 else grey
    if min(small.size) < 40:
        return None
    # A closing (max then min) fills the text in, leaving paper against background.
    paper = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.MinFilter(5))
    paper = paper.filter(ImageFilter.MedianFilter(5))
    low, high = paper.getextrema()
    if high - low < 40:  # one flat tone: nothing stands out as a sheet
        return None
    cut = ink_threshold(paper)
    mask = paper.point(lambda v: 255 if v > cut else 0)
    region = _largest_region(mask)
    if region is None:
        return None
    corners = _corners(region, small.size)
    if corners is None or not _believable(corners, region, paper, small.size):
        return None
    if _fills_frame(corners, small.size):
        return None
    full = tuple((x * factor, y * factor) for x, y in corners)
    return PageQuad(_inset(_upright_order(full), _INSET))  # type: ignore[arg-type]


def rectify(grey: Image.Image, quad: PageQuad) -> tuple[Image.Image, Coefficients]:
    """The page mapped onto an upright rectangle, and the coefficients that take a pixel
    of that rectangle back to the photo (how word boxes return to the page as shown)."""
    size = quad.output_size()
    coefficients = perspective_coefficients(size, quad.corners)
    flat = grey.transform(size, Image.Transform.PERSPECTIVE, coefficients,
                          resample=Image.Resampling.BICUBIC, fillcolor=255)
    return flat, coefficients


def perspective_coefficients(size: tuple[int, int],
                             corners: Sequence[Point]) -> Coefficients:
    """Coefficients mapping the rectangle `size` (corners clockwise from its top-left)
    onto `corners` in the source image."""
    w, h = float(size[0]), float(size[1])
    return quad_to_quad(((0.0, 0.0), (w, 0.0), (w, h), (0.0, h)), corners)


def quad_to_quad(targets: Sequence[Point], sources: Sequence[Point]) -> Coefficients:
    """Coefficients taking each of four output points `targets` to the matching input
    point of `sources`: each pair gives two linear equations in the eight unknowns."""
    rows: list[list[float]] = []
    for (x, y), (u, v) in zip(targets, sources, strict=True):
        rows.append([x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u])
        rows.append([0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v])
    return tuple(_solve(rows))  # type: ignore[return-value]


def apply(coefficients: Coefficients, x: float, y: float) -> Point:
    a, b, c, d, e, f, g, h = coefficients
    w = g * x + h * y + 1.0
    return (a * x + b * y + c) / w, (d * x + e * y + f) / w


def _solve(rows: list[list[float]]) -> list[float]:
    """Gaussian elimination with partial pivoting on an augmented n x (n + 1) matrix."""
    n = len(rows)
    m = [row[:] for row in rows]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        if abs(m[pivot][col]) < 1e-12:
            raise ValueError("the corners do not span a quadrilateral")
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, n):
            factor = m[r][col] / m[col][col]
            if factor:
                for k in range(col, n + 1):
                    m[r][k] -= factor * m[col][k]
    out = [0.0] * n
    for r in range(n - 1, -1, -1):
        out[r] = (m[r][n] - sum(m[r][k] * out[k] for k in range(r + 1, n))) / m[r][r]
    return out


@dataclass
class _Region:
    """One bright region of the small mask, as pixel runs, and its outline points."""

    runs: list[tuple[int, int, int]]  # (y, x0, x1) with x1 exclusive
    pixels: int
    outline: list[Point]  # the pixel edges at the ends of every row and column
    touching_frame: int  # outline pixels lying on the image border

    @property
    def filled(self) -> int:
        """Pixels of the region with its holes filled row by row: a page's photographs
        and dark figures are holes in the bright paper, not outside the sheet."""
        spans: dict[int, tuple[int, int]] = {}
        for y, a, b in self.runs:
            lo, hi = spans.get(y, (a, b))
            spans[y] = (min(lo, a), max(hi, b))
        return sum(hi - lo for lo, hi in spans.values())


def _largest_region(mask: Image.Image) -> _Region | None:
    """The largest 8-connected bright region: runs per row, joined with union-find."""
    width, height = mask.size
    data = mask.tobytes()
    runs: list[tuple[int, int, int]] = []
    parent: list[int] = []

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    previous: list[int] = []
    for y in range(height):
        row = data[y * width:(y + 1) * width]
        current: list[int] = []
        start = row.find(b"\xff")
        while start >= 0:
            end = row.find(b"\x00", start)
            end = width if end < 0 else end
            index = len(runs)
            runs.append((y, start, end))
            parent.append(index)
            current.append(index)
            for j in previous:  # runs touching this one, diagonals included
                _, a, b = runs[j]
                if a <= end and b >= start:
                    ra, rb = root(j), root(index)
                    if ra != rb:
                        parent[ra] = rb
            start = row.find(b"\xff", end)
        previous = current
    if not runs:
        return None
    sizes: dict[int, int] = {}
    for i, (_, a, b) in enumerate(runs):
        r = root(i)
        sizes[r] = sizes.get(r, 0) + b - a
    best = max(sizes, key=sizes.__getitem__)
    mine = [run for i, run in enumerate(runs) if root(i) == best]
    return _Region(mine, sizes[best], *_outline(mine, width, height))


def _outline(runs: list[tuple[int, int, int]], width: int,
             height: int) -> tuple[list[Point], int]:
    """Outline points of a region: each row's and each column's extreme pixel edges."""
    rows: dict[int, list[int]] = {}
    drawn = Image.new("L", (width, height), 0)
    for y, a, b in runs:
        span = rows.setdefault(y, [a, b])
        span[0], span[1] = min(span[0], a), max(span[1], b)
        drawn.paste(255, (a, y, b, y + 1))
    points: list[Point] = []
    touching = 0
    for y, (a, b) in rows.items():
        points += [(float(a), y + 0.5), (float(b), y + 0.5)]
        touching += (a == 0) + (b == width)
    # columns are the rows of the transposed region
    columns = drawn.transpose(Image.Transpose.TRANSPOSE).tobytes()
    for x in range(width):
        column = columns[x * height:(x + 1) * height]
        top = column.find(b"\xff")
        if top < 0:
            continue
        bottom = column.rfind(b"\xff")
        points += [(x + 0.5, float(top)), (x + 0.5, bottom + 1.0)]
        touching += (top == 0) + (bottom == height - 1)
    return points, touching


def _corners(region: _Region, size: tuple[int, int]) -> tuple[Point, ...] | None:
    hull = _convex_hull(region.outline)
    if len(hull) < 4:
        return None
    quad = _four_vertices(hull)
    return _refined(quad, region.outline) or quad


def _convex_hull(points: list[Point]) -> list[Point]:
    """Andrew's monotone chain; counter-clockwise in maths axes (clockwise on screen)."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def cross(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Point] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Point] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _four_vertices(hull: list[Point]) -> tuple[Point, ...]:
    """The four hull vertices enclosing the largest area: the sheet's corners.

    The hull is first thinned to a dozen vertices, dropping each time the one whose removal
    loses the least area (points along the straight sides go first); the largest
    quadrilateral among those is then found by trying them all. Thinning greedily down to
    four can drop a true corner where the threshold left several points around it.
    """
    points = list(hull)
    while len(points) > 12:
        n = len(points)
        losses = [abs(_triangle(points[i - 1], points[i], points[(i + 1) % n]))
                  for i in range(n)]
        del points[min(range(n), key=losses.__getitem__)]
    best: tuple[Point, ...] = tuple(points[:4])
    best_area = -1.0
    for quad in itertools.combinations(points, 4):  # hull order is kept, so each is convex
        area = abs(_polygon_area(quad))
        if area > best_area:
            best, best_area = quad, area
    return best


def _refined(quad: tuple[Point, ...], outline: list[Point]) -> tuple[Point, ...] | None:
    """Corners as the crossings of lines fitted to each side's outline points.

    Hull vertices sit a little inside true corners (the threshold and the closing round
    them); the sides themselves are long and straight, so lines fitted to their middles
    place the corners better.
    """
    lines = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        length = _distance(a, b)
        if length < 1e-6:
            return None
        ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
        near = max(2.0, 0.02 * length)
        chosen = []
        for p in outline:
            along = (p[0] - a[0]) * ux + (p[1] - a[1]) * uy
            across = -(p[0] - a[0]) * uy + (p[1] - a[1]) * ux
            if 0.1 * length <= along <= 0.9 * length and abs(across) <= near:
                chosen.append(p)
        if len(chosen) < 5:
            return None
        lines.append(_fit_line(chosen))
    corners = []
    for i in range(4):
        crossing = _intersect(lines[i - 1], lines[i])
        if crossing is None or _distance(crossing, quad[i]) > 0.1 * _perimeter(quad) / 4:
            return None
        corners.append(crossing)
    return tuple(corners)


def _fit_line(points: list[Point]) -> tuple[Point, Point]:
    """Total least squares: (a point on the line, its unit direction)."""
    n = len(points)
    mx = sum(p[0] for p in points) / n
    my = sum(p[1] for p in points) / n
    sxx = sum((p[0] - mx) ** 2 for p in points)
    syy = sum((p[1] - my) ** 2 for p in points)
    sxy = sum((p[0] - mx) * (p[1] - my) for p in points)
    angle = 0.5 * math.atan2(2 * sxy, sxx - syy)
    return (mx, my), (math.cos(angle), math.sin(angle))


def _intersect(first: tuple[Point, Point], second: tuple[Point, Point]) -> Point | None:
    (px, py), (dx, dy) = first
    (qx, qy), (ex, ey) = second
    det = dx * ey - dy * ex
    if abs(det) < 1e-9:
        return None
    t = ((qx - px) * ey - (qy - py) * ex) / det
    return px + t * dx, py + t * dy


def _believable(corners: tuple[Point, ...], region: _Region, paper: Image.Image,
                size: tuple[int, int]) -> bool:
    width, height = size
    area = abs(_polygon_area(corners))
    if area < _MIN_AREA * width * height:
        return False
    if not _convex_with_sensible_angles(corners):
        return False
    sides = [_distance(corners[i], corners[(i + 1) % 4]) for i in range(4)]
    if max(sides[0], sides[2]) > _MAX_SIDE_RATIO * min(sides[0], sides[2]) or \
            max(sides[1], sides[3]) > _MAX_SIDE_RATIO * min(sides[1], sides[3]):
        return False
    # The region fills its quad solidly and the quad holds (nearly) all the region: a
    # blob of noise or a region of some other shape does not. Solid counts the holes in:
    # a page with pictures on it is still a whole sheet (3 of 24 benchmark photos of
    # such pages were not straightened when they counted against it).
    if not (0.9 * area <= region.filled and region.pixels <= 1.06 * area):
        return False
    if region.touching_frame > _MAX_FRAME_CONTACT * 2 * sum(sides):
        return False
    return _edges_stand_out(corners, paper)


def _convex_with_sensible_angles(corners: tuple[Point, ...]) -> bool:
    signs = set()
    for i in range(4):
        a, b, c = corners[i - 1], corners[i], corners[(i + 1) % 4]
        signs.add(_triangle(a, b, c) > 0)
        v1 = (a[0] - b[0], a[1] - b[1])
        v2 = (c[0] - b[0], c[1] - b[1])
        cosine = (v1[0] * v2[0] + v1[1] * v2[1]) / max(1e-9, math.hypot(*v1) * math.hypot(*v2))
        angle = math.degrees(math.acos(max(-1.0, min(1.0, cosine))))
        if not _MIN_ANGLE <= angle <= _MAX_ANGLE:
            return False
    return len(signs) == 1


def _edges_stand_out(corners: tuple[Point, ...], paper: Image.Image) -> bool:
    """Every side has paper inside brighter than what lies just outside it.

    A region cut out of a page by the threshold (one half of a page in deep shadow) has a
    side where the light only changes gradually; straightening to it would cut the text.
    """
    cx = sum(p[0] for p in corners) / 4
    cy = sum(p[1] for p in corners) / 4
    width, height = paper.size
    pixels = paper.load()
    offset = max(3.0, 0.015 * max(width, height))
    for i in range(4):
        a, b = corners[i], corners[(i + 1) % 4]
        length = _distance(a, b)
        nx, ny = (b[1] - a[1]) / length, -(b[0] - a[0]) / length
        mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
        if nx * (cx - mx) + ny * (cy - my) > 0:  # the normal must point outwards
            nx, ny = -nx, -ny
        brighter = samples = 0
        for step in range(1, 10):
            t = step / 10
            px, py = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
            outside = (px + nx * offset, py + ny * offset)
            inside = (px - nx * offset, py - ny * offset)
            if not (0 <= outside[0] < width and 0 <= outside[1] < height):
                continue  # the frame's edge: nothing outside to compare with
            samples += 1
            inner = pixels[int(inside[0]), int(inside[1])]
            outer = pixels[int(outside[0]), int(outside[1])]
            brighter += int(inner) - int(outer) >= 12  # type: ignore[operator]
        if samples and brighter < 0.7 * samples:
            return False
    return True


def _fills_frame(corners: tuple[Point, ...], size: tuple[int, int]) -> bool:
    width, height = size
    frame = ((0, 0), (width, 0), (width, height), (0, height))
    return all(
        min(abs(c[0] - f[0]) / width + abs(c[1] - f[1]) / height for c in corners)
        <= _FILLS_FRAME
        for f in frame
    )


def _upright_order(corners: tuple[Point, ...]) -> tuple[Point, ...]:
    """Clockwise on screen, starting with the corner whose next side points most nearly
    rightwards: the reading order of the least turned way of seeing the page."""
    cx = sum(p[0] for p in corners) / 4
    cy = sum(p[1] for p in corners) / 4
    ordered = sorted(corners, key=lambda p: math.atan2(p[1] - cy, p[0] - cx))

    def rightwards(i: int) -> float:
        a, b = ordered[i], ordered[(i + 1) % 4]
        return (b[0] - a[0]) / max(1e-9, _distance(a, b))

    start = max(range(4), key=rightwards)
    return tuple(ordered[start:] + ordered[:start])


def _inset(corners: tuple[Point, ...], share: float) -> tuple[Point, ...]:
    """The quadrilateral a little inside `corners`, through the page's own perspective."""
    quad = PageQuad(corners)  # type: ignore[arg-type]
    w, h = quad.output_size()
    coefficients = perspective_coefficients((w, h), corners)
    mx, my = share * w, share * h
    return tuple(apply(coefficients, x, y)
                 for x, y in ((mx, my), (w - mx, my), (w - mx, h - my), (mx, h - my)))


def _triangle(a: Point, b: Point, c: Point) -> float:
    return ((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])) / 2


def _polygon_area(points: Sequence[Point]) -> float:
    return sum(points[i - 1][0] * points[i][1] - points[i][0] * points[i - 1][1]
               for i in range(len(points))) / 2


def _perimeter(points: Sequence[Point]) -> float:
    return sum(_distance(points[i - 1], points[i]) for i in range(len(points)))


def _distance(a: Point, b: Point) -> float:
    return math.hypot(b[0] - a[0], b[1] - a[1])
