/** A page section named by its own heading, so assistive technology lists it by that name. */
export function TitledSection({
  id,
  title,
  className = "gap-3",
  children,
}: {
  /** The heading's id. */
  id: string;
  title: React.ReactNode;
  /** Spacing between the heading and the content. */
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={`flex flex-col ${className}`}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
