// Moving between wards with the arrow keys.
import { describe, expect, it } from "vitest";
import { nearestPlace, nextInDirection, type Place } from "~/lib/map/navigation";

// A 3×3 grid of wards about 1 km apart, near Maidstone; B2 in the middle.
const grid: Place[] = ["A", "B", "C"].flatMap((col, x) =>
  ["1", "2", "3"].map((row, y) => ({ code: `${col}${row}`, centre: [0.5 + x * 0.0144, 51.3 - y * 0.009] as [number, number] })),
);
const at = (code: string) => grid.find((p) => p.code === code)!;

describe("nextInDirection", () => {
  it("moves to the ward straight ahead in each direction", () => {
    expect(nextInDirection(at("B2"), "up", grid)).toBe("B1");
    expect(nextInDirection(at("B2"), "down", grid)).toBe("B3");
    expect(nextInDirection(at("B2"), "left", grid)).toBe("A2");
    expect(nextInDirection(at("B2"), "right", grid)).toBe("C2");
  });

  it("prefers the ward ahead to a nearer one off to the side", () => {
    // Half the distance away, but at 43° off to the right.
    const places = [...grid, { code: "side", centre: [0.5144 + 0.006, 51.291 + 0.004] as [number, number] }];
    expect(nextInDirection(at("B2"), "up", places)).toBe("B1");
  });

  it("goes nowhere at the edge of the county", () => {
    expect(nextInDirection(at("A1"), "up", grid)).toBeNull();
    expect(nextInDirection(at("A1"), "left", grid)).toBeNull();
  });

  it("reaches every ward in the grid from any other", () => {
    for (const start of grid) {
      const seen = new Set([start.code]);
      const queue = [start];
      while (queue.length) {
        const here = queue.shift()!;
        for (const d of ["up", "down", "left", "right"] as const) {
          const next = nextInDirection(here, d, grid);
          if (next && !seen.has(next)) {
            seen.add(next);
            queue.push(at(next));
          }
        }
      }
      expect(seen.size).toBe(9);
    }
  });
});

describe("nearestPlace", () => {
  it("picks the ward nearest a point, allowing for the shorter longitude degree", () => {
    expect(nearestPlace([0.5144, 51.291], grid)).toBe("B2");
    expect(nearestPlace([0.49, 51.31], grid)).toBe("A1");
    expect(nearestPlace([0, 0], [])).toBeNull();
  });
});
