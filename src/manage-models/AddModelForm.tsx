import { Action, ActionPanel, Form, Icon, useNavigation } from "@raycast/api";
import { useForm } from "@raycast/utils";
import type { MlxModels } from "./useMlxModels";

interface AddModelValues {
  repo: string;
  revision: string;
}

/**
 * "Add Model…": a Hub repo id and an optional revision. The core reads the repo's config before anything is
 * downloaded and refuses what cannot run here (the failure toast says why); what passes joins the list.
 */
export function AddModelForm({ models }: { models: MlxModels }) {
  const { pop } = useNavigation();
  const { handleSubmit, itemProps } = useForm<AddModelValues>({
    async onSubmit(values) {
      const added = await models.add({ repo: values.repo, revision: values.revision || undefined });
      if (added) pop();
    },
    validation: {
      repo: (value) => (value?.trim() ? undefined : "Enter a repo id such as mlx-community/Qwen3-0.6B-4bit"),
    },
  });
  return (
    <Form
      navigationTitle="Add Model"
      actions={
        <ActionPanel>
          <Action.SubmitForm title="Add Model" icon={Icon.Plus} onSubmit={handleSubmit} />
        </ActionPanel>
      }
    >
      <Form.Description text="Any MLX chat model on Hugging Face. MLX Polish reads its config first and refuses what cannot run on this Mac; nothing is downloaded until you choose Download." />
      <Form.TextField title="Repo ID" placeholder="mlx-community/Qwen3-0.6B-4bit" {...itemProps.repo} />
      <Form.TextField title="Revision" placeholder="main (or a branch, tag or commit)" {...itemProps.revision} />
    </Form>
  );
}
