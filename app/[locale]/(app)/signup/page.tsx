import { getT } from "@/lib/i18n/server";
import { Card } from "@/components/ui";
import { SignUpForm } from "./sign-up-form";
import { titled } from "@/lib/i18n/metadata";

export const generateMetadata = titled("auth.signUp.title");

export default async function SignUpPage() {
  const { t } = await getT();
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="mb-4 text-2xl font-bold">{t("auth.signUp.title")}</h1>
        <SignUpForm />
      </Card>
    </div>
  );
}
