// The staff frame's success banner and the one refusal message.
import { describe, expect, it } from "vitest";
import { doneMessage } from "~/components/staff-nav";
import { refusalMessage, REFUSED } from "~/lib/permissions";

describe("the success banner", () => {
  it("shows the fixed message for a known key", () => {
    expect(doneMessage("update-published")).toBe("The monthly update has been published.");
  });
  it("shows nothing for an unknown key, text from the address, or a name every object inherits", () => {
    for (const key of [null, "", "nonsense", "<script>", "__proto__", "constructor", "toString", "hasOwnProperty"]) expect(doneMessage(key)).toBeNull();
  });
});

describe("the refusal message", () => {
  it("tells an editor which ward is not theirs, and everyone else only that it is not allowed", () => {
    expect(refusalMessage({ role: "editor" }, "Wincheap")).toBe("Wincheap is not one of your team's wards, so you cannot change it.");
    expect(refusalMessage({ role: "editor" })).toBe("You can only change wards, officers and events of your own team.");
    expect(refusalMessage({ role: "partner" }, "Wincheap")).toBe(REFUSED);
    expect(refusalMessage(null)).toBe(REFUSED);
  });
});
