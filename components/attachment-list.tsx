import type { AttachmentView } from "@/server/attachments/attachments";
import type { Translator } from "@/lib/i18n";

/** "1.2 MB", "340 KB": sizes as people read them. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/**
 * A message's files: images as previews (served by /api/attachments/{id} to the ticket's readers only),
 * everything else as a download link with its size.
 */
export function AttachmentList({ files, t }: { files: AttachmentView[]; t: Translator }) {
  if (files.length === 0) return null;
  const images = files.filter((f) => f.inline);
  const others = files.filter((f) => !f.inline);
  return (
    <div className="mt-3 space-y-2" data-testid="attachments">
      <h3 className="sr-only">{t("attachments.label")}</h3>
      {images.length > 0 && (
        <ul className="flex flex-wrap gap-2">
          {images.map((f) => (
            <li key={f.id}>
              <a
                href={`/api/attachments/${f.id}`}
                target="_blank"
                rel="noopener"
                className="block rounded border border-slate-300 bg-white p-1 focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-700"
              >
                <img
                  src={`/api/attachments/${f.id}`}
                  alt={t("attachments.preview", { name: f.name })}
                  loading="lazy"
                  className="h-32 max-w-[16rem] object-contain"
                />
                <span className="mt-1 block max-w-[16rem] truncate text-xs text-slate-700">{f.name}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <ul className="space-y-1 text-sm">
          {others.map((f) => (
            <li key={f.id}>
              <a
                href={`/api/attachments/${f.id}`}
                className="break-all text-blue-800 underline"
                aria-label={t("attachments.download", { name: f.name })}
              >
                📎 {f.name}
              </a>{" "}
              <span className="text-slate-600">({formatSize(f.size)})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
