import { describe, expect, it } from "vitest";
import { inspectUpload, sanitizeFileName } from "./inspect";
import { htmlBytes, pdfBytes, pngBytes } from "@/tests/attachment-files";

describe("sanitizeFileName", () => {
  it.each([
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\anna\\Desktop\\bug.png", "bug.png"],
    ["  .hidden.txt ", "hidden.txt"],
    ["re\u202eport.exe.png", "report.exe.png"],
    ['a<b>c:"d"|e?f*.png', "a_b_c__d__e_f_.png"],
    ["line\nbreak\t.log", "linebreak.log"],
    ["", "file"],
    ["...", "file"],
    ["скриншот ошибки.png", "скриншот ошибки.png"],
  ])("%j → %j", (raw, clean) => {
    expect(sanitizeFileName(raw)).toBe(clean);
  });

  it("keeps the extension when it shortens a long name", () => {
    const name = sanitizeFileName(`${"x".repeat(300)}.png`);
    expect(name).toHaveLength(120);
    expect(name.endsWith(".png")).toBe(true);
  });
});

describe("inspectUpload decides from the bytes", () => {
  it("accepts a PNG as an image shown in the page", async () => {
    expect(await inspectUpload("Screenshot.png", pngBytes())).toEqual({
      ok: true,
      file: { contentType: "image/png", fileName: "Screenshot.png", inline: true },
    });
  });

  it("refuses a .png that is really HTML", async () => {
    expect(await inspectUpload("cute-cat.png", htmlBytes())).toEqual({ ok: false, error: "attachments.err.type" });
    expect(await inspectUpload("page.html", htmlBytes())).toEqual({ ok: false, error: "attachments.err.type" });
  });

  it("renames a file whose extension lies about a type it is allowed to be", async () => {
    expect(await inspectUpload("photo.jpg", pngBytes())).toMatchObject({
      ok: true,
      file: { fileName: "photo.png", contentType: "image/png" },
    });
    expect(await inspectUpload("invoice", pdfBytes())).toMatchObject({ ok: true, file: { fileName: "invoice.pdf", inline: false } });
  });

  it("accepts UTF-8 text under a text extension, to download only", async () => {
    const log = new TextEncoder().encode("2026-12-03 12:00 ERROR Ошибка соединения\n");
    expect(await inspectUpload("server.log", log)).toEqual({
      ok: true,
      file: { contentType: "text/plain; charset=utf-8", fileName: "server.log", inline: false },
    });
    expect(await inspectUpload("server.log", new Uint8Array([0x41, 0, 0x42]))).toEqual({ ok: false, error: "attachments.err.type" });
  });

  it("refuses SVG, empty files and executables", async () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(await inspectUpload("logo.svg", svg)).toEqual({ ok: false, error: "attachments.err.svg" });
    expect(await inspectUpload("empty.txt", new Uint8Array())).toEqual({ ok: false, error: "attachments.err.empty" });
    const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(56).fill(0)]);
    expect(await inspectUpload("notes.txt", elf)).toEqual({ ok: false, error: "attachments.err.type" });
  });
});
